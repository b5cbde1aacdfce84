using System.Reflection;
using Maas.Contracts.Messages;
using Maas.Engine.Persistence;
using Maas.Engine.Tasks;
using Maas.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Maas.Tests.Engine.Persistence;

/// <summary>
/// The group commit and the row cache on a real PostgreSQL: transitions share commits, yet each caller hears its own
/// outcome; a row changed behind the cache's back is read again; a transition that changed nothing writes nothing.
/// </summary>
public sealed class TaskStateStoreTests : WireTest
{
    [Fact]
    public async Task Inserts_sent_together_share_commits_and_a_duplicate_loses_alone()
    {
        await using var engine = await EngineApp.Start(Database, Channels);
        var store = engine.Services.GetRequiredService<TaskStateStore>();
        var (batchesBefore, statementsBefore) = store.Totals;
        var rows = Enumerable.Range(0, 200).Select(i => TaskRows.Queued($"store_{i}")).ToList();
        var duplicate = TaskRows.Queued("store_7");

        var inserted = await Task.WhenAll(rows.Append(duplicate).Select(store.Insert));

        // The two inserts of store_7 may go out on different connections in either order: exactly one of them wins.
        Assert.All(inserted.Take(200).Where((_, i) => i != 7), version => Assert.NotNull(version));
        Assert.Single(new[] { inserted[7], inserted[200] }, version => version is null);
        var (batches, statements) = store.Totals;
        Assert.Equal(201, statements - statementsBefore);
        Assert.True(batches - batchesBefore <= 100, $"201 inserts asked for at once took {batches - batchesBefore} round trips");
        Assert.Equal(200, await Database.Scalar<long>("SELECT count(*) FROM ai_engine.task_state WHERE task_id LIKE 'store_%'"));
    }

    [Fact]
    public async Task A_stale_update_and_a_statement_postgres_rejects_fail_only_their_own_callers()
    {
        await using var engine = await EngineApp.Start(Database, Channels);
        var store = engine.Services.GetRequiredService<TaskStateStore>();
        var rows = Enumerable.Range(0, 20).Select(i => TaskRows.Queued($"mixed_{i}")).ToList();
        foreach (var (row, version) in rows.Zip(await Task.WhenAll(rows.Select(store.Insert))))
        {
            row.Version = version!.Value;
            row.CurrentStep = "updated";
        }

        // xid 1 is PostgreSQL's bootstrap transaction: no row written since carries it.
        var stale = rows[3].Copy();
        stale.Version = 1;
        var malformed = TaskRows.Queued("mixed_malformed");
        malformed.InputData = "{not json";

        var updates = rows.Select(store.Update).ToList();
        var staleUpdate = store.Update(stale);
        var rejected = store.Insert(malformed);

        var results = await Task.WhenAll(updates);
        Assert.Null(await staleUpdate);
        Assert.Equal("22P02", (await Assert.ThrowsAsync<TaskDataRejectedException>(() => rejected)).ErrorCode);
        Assert.All(results, version => Assert.NotNull(version));
        Assert.Equal(20, await Database.Scalar<long>("SELECT count(*) FROM ai_engine.task_state WHERE task_id LIKE 'mixed_%' AND current_step = 'updated'"));
        Assert.Equal(0, await Database.Scalar<long>("SELECT count(*) FROM ai_engine.task_state WHERE task_id = 'mixed_malformed'"));
    }

    [Fact]
    public async Task A_row_changed_behind_the_cache_is_read_again_and_the_transition_applied()
    {
        var (engine, taskId) = await StartWithOneTaskRunning();
        await using var _ = engine;

        // Another writer (an operator, another instance) moves the row on; this instance's cached copy is now stale.
        await Database.Scalar<int>("UPDATE ai_engine.task_state SET current_step = 'touched elsewhere' WHERE task_id = $1", taskId);
        await engine.Mediator.Send(new TaskProgressed(taskId, 1, 40, "after the touch"));

        var row = await engine.Tasks.Find(taskId, CancellationToken.None);
        Assert.Equal(40, row!.ProgressPercentage);
        Assert.Equal("after the touch", row.CurrentStep);
        await Platform.WaitFor(taskId, m => (string?)m.Data["current_step"] == "after the touch", "the progress status");
    }

    [Fact]
    public async Task A_message_that_changes_nothing_writes_nothing()
    {
        var (engine, taskId) = await StartWithOneTaskRunning();
        await using var _ = engine;
        var versionBefore = await Version(taskId);

        // A late start of an attempt that is already running: the saga ignores it, from its cache and after a fresh read.
        await engine.Mediator.Send(new TaskStarted(taskId, 1, "code_generator_658e1617", DateTimeOffset.UtcNow));
        engine.Services.GetRequiredService<TaskStateCache>().Forget(TaskIds.ToCorrelationId(taskId));
        await engine.Mediator.Send(new TaskStarted(taskId, 1, "code_generator_658e1617", DateTimeOffset.UtcNow));

        Assert.Equal(versionBefore, await Version(taskId));
        Assert.Equal(TaskStateNames.InProgress, (await engine.Tasks.Find(taskId, CancellationToken.None))!.CurrentState);
    }

    [Fact]
    public async Task Finished_tasks_leave_the_row_cache()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?> { ["MAX_CONCURRENT_TASKS"] = "20" });
        var cache = engine.Services.GetRequiredService<TaskStateCache>();
        var taskIds = Enumerable.Range(0, 30).Select(_ => SeedMessages.NewTaskId()).ToArray();
        var invalid = SeedMessages.NewTaskId("unknown_type");

        await Task.WhenAll(taskIds.Select(id => Platform.Publish(SeedMessages.TaskExecute(id))));
        await Platform.Publish(SeedMessages.TaskExecute(invalid, m => m.Data()["task_type"] = "unknown_type"));

        await Eventually.Until(() => taskIds.Append(invalid).All(id => Platform.Results(id).Count > 0), "a result for every task");
        await Eventually.Until(() => cache.Count == 0, "an empty row cache once every task has finished");
    }

    [Fact]
    public void SameRow_sees_a_change_to_every_column()
    {
        var row = TaskRows.Queued("same_row");
        foreach (var property in typeof(TaskState).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var changed = row.Copy();
            property.SetValue(changed, Different(property.PropertyType, property.GetValue(row)));
            Assert.False(TaskStateTable.SameRow(row, changed), $"SameRow misses {property.Name}");
        }

        Assert.True(TaskStateTable.SameRow(row, row.Copy()));
    }

    [Fact]
    public async Task A_row_written_and_read_back_keeps_every_property()
    {
        await using var engine = await EngineApp.Start(Database, Channels);
        var store = engine.Services.GetRequiredService<TaskStateStore>();
        var row = TaskRows.Queued("round_trip");
        foreach (var property in Columns())
        {
            property.SetValue(row, Different(property.PropertyType, property.GetValue(row)));
        }

        // PostgreSQL keeps timestamps to the microsecond and jsonb in its own layout: give it values it stores as sent.
        row.InputData = """{"a": 1}""";
        row.OutputData = """{"b": 2}""";
        row.ErrorData = """{"c": 3}""";
        row.ToolCallsByName = """{"lookup_fact": 2}""";
        row.CreatedAt = row.UpdatedAt = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        row.StartedAt = row.FinishedAt = row.DeadlineAt = row.RetryAt = row.ResultPublishedAt = row.CreatedAt.AddSeconds(1);

        row.Version = (await store.Insert(row))!.Value;
        var read = await store.Find(row.CorrelationId);

        foreach (var property in Columns())
        {
            Assert.True(Equals(property.GetValue(row), property.GetValue(read)), $"{property.Name} did not survive the round trip");
        }

        Assert.True(TaskStateTable.SameRow(row, read!));
    }

    [Fact]
    public void Starting_over_clears_what_belongs_to_one_run_and_keeps_the_request()
    {
        var row = TaskRows.Queued("start_over");
        foreach (var property in Columns())
        {
            property.SetValue(row, Different(property.PropertyType, property.GetValue(row)));
        }

        var before = row.Copy();
        TaskStateTable.StartOver(row);

        string[] perRun = [nameof(TaskState.Attempt), nameof(TaskState.ProgressPercentage), nameof(TaskState.CurrentStep), nameof(TaskState.StartedAt),
            nameof(TaskState.FinishedAt), nameof(TaskState.DeadlineAt), nameof(TaskState.RetryAt), nameof(TaskState.OutputData), nameof(TaskState.TokensUsed),
            nameof(TaskState.InputTokens), nameof(TaskState.OutputTokens), nameof(TaskState.ModelUsed), nameof(TaskState.CostEstimate), nameof(TaskState.ToolCalls), nameof(TaskState.ToolCallsByName),
            nameof(TaskState.ErrorType), nameof(TaskState.ErrorMessage), nameof(TaskState.Retryable), nameof(TaskState.ErrorData), nameof(TaskState.ResultPublishedAt), nameof(TaskState.OwnerInstance),
            nameof(TaskState.TraceParent)];
        foreach (var property in Columns())
        {
            var expected = perRun.Contains(property.Name)
                ? (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null ? Activator.CreateInstance(property.PropertyType) : null)
                : property.GetValue(before);
            Assert.True(Equals(expected, property.GetValue(row)), $"{property.Name}: expected {expected}, found {property.GetValue(row)}");
        }
    }

    [Fact]
    public void State_names_are_the_state_machines_states()
    {
        var states = typeof(TaskStateMachine).GetProperties().Where(p => p.DeclaringType == typeof(TaskStateMachine) && p.PropertyType == typeof(MassTransit.State)).Select(p => p.Name).Order();
        string[] names = [TaskStateNames.Queued, TaskStateNames.InProgress, TaskStateNames.Completed, TaskStateNames.Failed, TaskStateNames.Cancelled];
        Assert.Equal(states, names.Order());
    }

    private static IEnumerable<PropertyInfo> Columns() =>
        typeof(TaskState).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.Name != nameof(TaskState.Version));

    /// <summary>An engine whose agent takes ten minutes, and one task of it in progress (its row in this instance's cache).</summary>
    private async Task<(EngineApp Engine, string TaskId)> StartWithOneTaskRunning()
    {
        var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?> { ["OFFLINE_AGENT_DELAY_MS"] = "600000" });
        try
        {
            var taskId = SeedMessages.NewTaskId();
            await Platform.Publish(SeedMessages.TaskExecute(taskId));
            await Platform.WaitFor(taskId, m => m.Status == "IN_PROGRESS", "IN_PROGRESS");
            return (engine, taskId);
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    private async Task<long> Version(string taskId) =>
        await Database.Scalar<long>("SELECT xmin::text::bigint FROM ai_engine.task_state WHERE task_id = $1", taskId);

    private static object Different(Type type, object? value)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(string) => value + "x",
            _ when underlying == typeof(int) => (int)value! + 1,
            _ when underlying == typeof(uint) => (uint)value! + 1,
            _ when underlying == typeof(long) => ((long?)value ?? 0) + 1,
            _ when underlying == typeof(decimal) => ((decimal?)value ?? 0) + 0.5m,
            _ when underlying == typeof(bool) => !(bool)value!,
            _ when underlying == typeof(Guid) => Guid.NewGuid(),
            _ when underlying == typeof(DateTimeOffset) => ((DateTimeOffset?)value ?? DateTimeOffset.UnixEpoch).AddSeconds(1),
            _ => throw new InvalidOperationException($"The test has no different value for a {underlying.Name}: teach it one."),
        };
    }
}
