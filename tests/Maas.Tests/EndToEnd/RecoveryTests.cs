using Maas.Contracts.Messages;
using Maas.Contracts.Wire;
using Maas.Engine.Tasks;
using Maas.Tests.Infrastructure;

namespace Maas.Tests.EndToEnd;

/// <summary>A task outlives the engine instance that held it, and a result that missed Redis is published again.</summary>
public sealed class RecoveryTests : WireTest
{
    private static readonly Dictionary<string, string?> FastRecovery = new()
    {
        ["RECOVERY_INTERVAL_SECONDS"] = "0.5",
        ["ENGINE_INSTANCE_TTL_SECONDS"] = "2",
        ["RESULT_REDELIVERY_AFTER_SECONDS"] = "1",
    };

    [Fact]
    public async Task A_task_running_on_an_instance_that_stops_is_taken_over_and_completed_by_another()
    {
        var taskId = SeedMessages.NewTaskId();
        var first = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>(FastRecovery)
        {
            ["ENGINE_INSTANCE_ID"] = "engine-a",
            ["OFFLINE_AGENT_DELAY_MS"] = "600000",
            ["TASK_RETRY_DELAY_SECONDS"] = "0.1",
        });
        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        await Platform.WaitFor(taskId, m => m.Status == "IN_PROGRESS", "IN_PROGRESS on engine-a");
        await first.DisposeAsync();

        await using var second = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>(FastRecovery)
        {
            ["ENGINE_INSTANCE_ID"] = "engine-b",
            ["TASK_RETRY_DELAY_SECONDS"] = "0.1",
        });

        var completed = await Platform.WaitForResult(taskId);
        Assert.Equal("task_completed", completed.MessageType);
        var retry = Platform.Statuses(taskId).Single(m => ((string?)m.Data["current_step"])?.Contains("Engine instance engine-a@", StringComparison.Ordinal) == true);
        Assert.Equal("QUEUED", retry.Status);
        var row = await Eventually.Until(() => second.Tasks.Find(taskId, CancellationToken.None), r => r?.ResultPublishedAt is not null, "the result marked published");
        Assert.Equal(2, row!.Attempt);
        Assert.Null(row.OwnerInstance);
    }

    [Fact]
    public async Task An_instance_restarted_with_the_same_id_takes_over_what_its_previous_process_left()
    {
        var taskId = SeedMessages.NewTaskId();
        var settings = new Dictionary<string, string?>(FastRecovery)
        {
            ["ENGINE_INSTANCE_ID"] = "engine-fixed",
            ["OFFLINE_AGENT_DELAY_MS"] = "600000",
            ["TASK_RETRY_DELAY_SECONDS"] = "0.1",
        };
        var before = await EngineApp.Start(Database, Channels, settings);
        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        await Platform.WaitFor(taskId, m => m.Status == "IN_PROGRESS", "IN_PROGRESS before the restart");
        var heldBefore = (await before.Tasks.Find(taskId, CancellationToken.None))!.OwnerInstance;
        await before.DisposeAsync();

        settings["OFFLINE_AGENT_DELAY_MS"] = "0";
        await using var after = await EngineApp.Start(Database, Channels, settings);

        var completed = await Platform.WaitForResult(taskId);
        Assert.Equal("task_completed", completed.MessageType);
        Assert.StartsWith("engine-fixed@", heldBefore, StringComparison.Ordinal);
        var row = await after.Tasks.Find(taskId, CancellationToken.None);
        Assert.Equal(2, row!.Attempt);
        Assert.Single(Platform.Results(taskId));
    }

    [Fact]
    public async Task A_late_result_of_an_attempt_that_was_taken_over_is_discarded()
    {
        var taskId = SeedMessages.NewTaskId();
        var slow = new Dictionary<string, string?>(FastRecovery)
        {
            ["OFFLINE_AGENT_DELAY_MS"] = "600000",
            ["TASK_RETRY_DELAY_SECONDS"] = "0.1",
        };
        var first = await EngineApp.Start(Database, Channels, slow);
        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        await Platform.WaitFor(taskId, m => m.Status == "IN_PROGRESS", "attempt 1 in progress");
        await first.DisposeAsync();

        await using var second = await EngineApp.Start(Database, Channels, slow);
        await Eventually.Until(async () => (await second.Tasks.Find(taskId, CancellationToken.None)) is { Attempt: 2, CurrentState: TaskStateNames.InProgress },
            "attempt 2 in progress on the second instance");

        // Attempt 1's worker, had it survived, reports its result now.
        await second.Mediator.Send(new TaskSucceeded { TaskId = taskId, Attempt = 1, OutputData = """{"code":"late"}""", FinishedAt = DateTimeOffset.UtcNow });
        await second.Mediator.Send(new TaskAttemptFailed { TaskId = taskId, Attempt = 1, ErrorType = ErrorTypes.SystemError, ErrorMessage = "late", Retryable = false });

        var row = await second.Tasks.Find(taskId, CancellationToken.None);
        Assert.Equal(TaskStateNames.InProgress, row!.CurrentState);
        Assert.Equal(2, row.Attempt);
        Assert.Null(row.OutputData);
        Assert.Empty(Platform.Results(taskId));

        // Attempt 2's own result is taken.
        await second.Mediator.Send(new TaskSucceeded { TaskId = taskId, Attempt = 2, OutputData = """{"code":"current"}""", FinishedAt = DateTimeOffset.UtcNow });
        var completed = await Platform.WaitForResult(taskId);
        Assert.Equal("task_completed", completed.MessageType);
        Assert.Single(Platform.Results(taskId));
    }

    [Fact]
    public async Task A_final_result_that_never_reached_redis_is_published_again()
    {
        await using var engine = await EngineApp.Start(Database, Channels, FastRecovery);
        var taskId = SeedMessages.NewTaskId();
        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        await Platform.WaitForResult(taskId);
        await Eventually.Until(async () => (await engine.Tasks.Find(taskId, CancellationToken.None))?.ResultPublishedAt is not null, "the result marked published");

        // As if the PUBLISH had failed: the row says the platform never got it.
        await Database.Scalar<int>("UPDATE ai_engine.task_state SET result_published_at = NULL WHERE task_id = $1", taskId);

        await Eventually.Until(() => Platform.Results(taskId).Count == 2, "the result published again");
        Assert.All(Platform.Results(taskId), m => Assert.Equal("task_completed", m.MessageType));
        await Eventually.Until(async () => (await engine.Tasks.Find(taskId, CancellationToken.None))?.ResultPublishedAt is not null, "the result marked published again");
    }
}
