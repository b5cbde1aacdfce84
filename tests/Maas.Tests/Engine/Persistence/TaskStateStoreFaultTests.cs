using Maas.Contracts.Messages;
using Maas.Engine.Persistence;
using Maas.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Maas.Tests.Engine.Persistence;

/// <summary>
/// The group commit when PostgreSQL refuses a statement: the statement fails its own caller only, with an error that
/// says the row can never be stored; every other statement of the batch is committed and its caller told so.
/// </summary>
public sealed class TaskStateStoreFaultTests : WireTest
{
    [Fact]
    public async Task Rows_postgres_cannot_store_fail_alone_and_their_batch_neighbours_are_committed()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?> { ["SAGA_DB_CONNECTIONS"] = "1" });
        var store = engine.Services.GetRequiredService<TaskStateStore>();

        for (var round = 0; round < 3; round++)
        {
            var valid = Enumerable.Range(0, 20).Select(i => TaskRows.Queued($"fault_{round}_{i}")).ToList();
            var nulInJson = TaskRows.Queued($"fault_{round}_nul_json");
            nulInJson.InputData = """{"description":"a \u0000 in json"}""";
            var nulInText = TaskRows.Queued($"fault_{round}_nul_text");
            nulInText.TaskType = "code\0generation";
            var tooLong = TaskRows.Queued($"fault_{round}_" + new string('x', 600));

            var bad = new[] { nulInJson, nulInText, tooLong };
            var inserts = valid.Take(10).Concat(bad).Concat(valid.Skip(10)).Select(store.Insert).ToList();

            var refusals = await Task.WhenAll(inserts.Skip(10).Take(3).Select(t => Assert.ThrowsAsync<TaskDataRejectedException>(() => t)));
            Assert.Equal(["22P05", "22021", "22001"], refusals.Select(e => e.ErrorCode));
            var versions = await Task.WhenAll(inserts.Take(10).Concat(inserts.Skip(13)));
            Assert.All(versions, v => Assert.NotNull(v));
            Assert.Equal(20, await Database.Scalar<long>("SELECT count(*) FROM ai_engine.task_state WHERE task_id LIKE $1", $"fault\\_{round}\\_%"));
        }

        // The connection that saw the refusals was replaced: the store still commits.
        Assert.NotNull(await store.Insert(TaskRows.Queued("fault_after")));
    }

    [Fact]
    public async Task A_connection_that_saw_a_refusal_is_closed_and_never_used_again()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?> { ["SAGA_DB_CONNECTIONS"] = "1" });
        var store = engine.Services.GetRequiredService<TaskStateStore>();
        Assert.NotNull(await store.Insert(TaskRows.Queued("conn_before")));
        var before = await StoreBackend();

        var refused = TaskRows.Queued("conn_refused");
        refused.InputData = """{"description":"\u0000"}""";
        await Assert.ThrowsAsync<TaskDataRejectedException>(() => store.Insert(refused));
        Assert.NotNull(await store.Insert(TaskRows.Queued("conn_after")));

        Assert.NotEqual(before, await StoreBackend());
        await Eventually.Until(async () => await Database.Scalar<long>("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", before) == 0, "the old backend gone");
    }

    [Fact]
    public async Task Updates_sharing_a_batch_with_a_refused_update_are_committed_and_answered_with_their_versions()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?> { ["SAGA_DB_CONNECTIONS"] = "1" });
        var store = engine.Services.GetRequiredService<TaskStateStore>();
        var rows = Enumerable.Range(0, 30).Select(i => TaskRows.Queued($"upd_{i}")).ToList();
        foreach (var (row, version) in rows.Zip(await Task.WhenAll(rows.Select(store.Insert))))
        {
            row.Version = version!.Value;
            row.CurrentStep = "updated";
        }

        rows[7].CurrentStep = "a \0 in a step";
        var updates = rows.Select(store.Update).ToList();

        await Assert.ThrowsAsync<TaskDataRejectedException>(() => updates[7]);
        foreach (var (update, row) in updates.Zip(rows).Where((_, i) => i != 7))
        {
            var version = await update;
            Assert.NotNull(version);
            Assert.Equal((long)version.Value, await Database.Scalar<long>("SELECT xmin::text::bigint FROM ai_engine.task_state WHERE task_id = $1", row.TaskId));
        }

        Assert.Equal(29, await Database.Scalar<long>("SELECT count(*) FROM ai_engine.task_state WHERE current_step = 'updated'"));
    }

    [Fact]
    public async Task Valid_tasks_sent_among_requests_postgres_cannot_store_all_complete_and_the_bad_ones_fail_alone()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?> { ["MAX_CONCURRENT_TASKS"] = "50" });
        for (var round = 0; round < 3; round++)
        {
            var valid = Enumerable.Range(0, 200).Select(_ => SeedMessages.NewTaskId()).ToArray();
            var nul = Enumerable.Range(0, 10).Select(_ => SeedMessages.NewTaskId()).ToArray();
            var tooLong = Enumerable.Range(0, 10).Select(_ => SeedMessages.NewTaskId() + new string('z', 600)).ToArray();

            await Task.WhenAll(valid.Select(id => Platform.Publish(SeedMessages.TaskExecute(id)))
                .Concat(nul.Select(id => Platform.Publish(SeedMessages.TaskExecute(id, m => m.Data()["input_data"]!["description"] = "a \0 inside"))))
                .Concat(tooLong.Select(id => Platform.Publish(SeedMessages.TaskExecute(id)))));

            await Eventually.Until(() => valid.Concat(nul).Concat(tooLong).All(id => Platform.Results(id).Count > 0), "an answer to every request");
            var harmed = valid.Where(id => Platform.Results(id).Any(m => m.MessageType != "task_completed")).ToList();
            Assert.True(harmed.Count == 0, $"{harmed.Count} valid tasks harmed, e.g. {Platform.Results(harmed.FirstOrDefault() ?? "")}");
            Assert.All(nul.Concat(tooLong), id => Assert.Equal("task_failed", Assert.Single(Platform.Results(id)).MessageType));
        }
    }

    [Fact]
    public async Task Writes_committed_before_the_connection_broke_are_answered_as_committed()
    {
        var server = new Uri(Database.Url);
        await using var proxy = ConnectionCuttingProxy.To(server.Host, server.Port);
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = new UriBuilder(server) { Port = proxy.Port, Query = "sslmode=disable" }.Uri.ToString(),
            ["SAGA_DB_CONNECTIONS"] = "1",
            ["RECOVERY_INTERVAL_SECONDS"] = "600",
            ["ENGINE_INSTANCE_TTL_SECONDS"] = "1200",
        });
        var store = engine.Services.GetRequiredService<TaskStateStore>();
        await Eventually.Until(async () => await Database.Scalar<long>("SELECT count(*) FROM ai_engine.engine_instance") > 0, "the first sweep done");
        var existing = TaskRows.Queued("cut_existing");
        existing.Version = (await store.Insert(existing))!.Value;
        existing.CurrentStep = "updated before the cut";

        proxy.CutAfterNextCommit();
        var rows = Enumerable.Range(0, 20).Select(i => TaskRows.Queued($"cut_{i}")).ToList();
        var inserts = rows.Select(store.Insert).ToList();
        var update = store.Update(existing);
        await proxy.Cut.WaitAsync(TimeSpan.FromSeconds(30));

        foreach (var (insert, row) in inserts.Zip(rows))
        {
            var version = await insert;
            Assert.NotNull(version);
            Assert.Equal((long)version.Value, await Database.Scalar<long>("SELECT xmin::text::bigint FROM ai_engine.task_state WHERE task_id = $1", row.TaskId));
        }

        var updated = await update;
        Assert.NotNull(updated);
        Assert.Equal("updated before the cut", await Database.Scalar<string>("SELECT current_step FROM ai_engine.task_state WHERE task_id = 'cut_existing'"));
    }

    /// <summary>The backend process of the store's one connection to this test's database.</summary>
    private async Task<int> StoreBackend() => await Eventually.Until(
        () => Database.Scalar<int>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = $2", Database.Name, TaskStateStore.ApplicationName),
        pid => pid != 0, "the store's connection");
}
