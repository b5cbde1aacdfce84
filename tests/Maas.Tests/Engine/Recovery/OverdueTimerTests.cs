using Maas.Contracts.Messages;
using Maas.Contracts.Wire;
using Maas.Engine.Tasks;
using Maas.Tests.Infrastructure;
using MassTransit;

namespace Maas.Tests.Engine.Recovery;

/// <summary>
/// A timer lost on a live instance (its trigger gone, as when it gave up while the database was away) is found again
/// from the row's <c>deadline_at</c> or <c>retry_at</c> and fired by the instance that holds the task.
/// </summary>
public sealed class OverdueTimerTests : WireTest
{
    private static readonly Dictionary<string, string?> FastRecovery = new()
    {
        ["RECOVERY_INTERVAL_SECONDS"] = "0.5",
        ["ENGINE_INSTANCE_TTL_SECONDS"] = "2",
        ["OFFLINE_AGENT_DELAY_MS"] = "600000",
    };

    [Fact]
    public async Task An_attempt_whose_deadline_passed_without_its_timer_times_out()
    {
        await using var engine = await EngineApp.Start(Database, Channels, FastRecovery);
        var taskId = SeedMessages.NewTaskId();
        await Platform.Publish(SeedMessages.TaskExecute(taskId, m =>
        {
            m.Data()["configuration"]!["timeout"] = 600;
            m.Data()["configuration"]!["max_retries"] = 0;
        }));
        await Platform.WaitFor(taskId, m => m.Status == "IN_PROGRESS", "IN_PROGRESS");

        // The timer still waits ten minutes in Quartz; the row says the deadline passed an hour ago, as after a lost trigger.
        await Database.Scalar<int>("UPDATE ai_engine.task_state SET deadline_at = now() - interval '1 hour' WHERE task_id = $1", taskId);

        var failed = await Platform.WaitForResult(taskId);
        Assert.Equal(ErrorTypes.AgentTimeout, (string?)failed.Data["error_type"]);
        var row = await engine.Tasks.Find(taskId, CancellationToken.None);
        Assert.Equal(TaskStateNames.Failed, row!.CurrentState);
        Assert.Equal(1, row.Attempt);
        Assert.Single(Platform.Results(taskId));
    }

    [Fact]
    public async Task A_timer_sent_again_with_the_rows_token_counts_and_one_with_another_token_is_dropped()
    {
        await using var engine = await EngineApp.Start(Database, Channels, FastRecovery);
        var taskId = SeedMessages.NewTaskId();
        await Platform.Publish(SeedMessages.TaskExecute(taskId, m =>
        {
            m.Data()["configuration"]!["timeout"] = 600;
            m.Data()["configuration"]!["max_retries"] = 0;
        }));
        await Platform.WaitFor(taskId, m => m.Status == "IN_PROGRESS", "IN_PROGRESS");
        var running = await engine.Tasks.Find(taskId, CancellationToken.None);
        Assert.NotNull(running!.TimeoutTokenId);

        await SendTimeout(engine, running.CorrelationId, Guid.NewGuid());
        Assert.Equal(TaskStateNames.InProgress, (await engine.Tasks.Find(taskId, CancellationToken.None))!.CurrentState);

        await SendTimeout(engine, running.CorrelationId, running.TimeoutTokenId.Value);
        var failed = await engine.Tasks.Find(taskId, CancellationToken.None);
        Assert.Equal(TaskStateNames.Failed, failed!.CurrentState);
        Assert.Equal(ErrorTypes.AgentTimeout, failed.ErrorType);
        Assert.Null(failed.TimeoutTokenId);
    }

    [Fact]
    public async Task A_task_whose_retry_time_passed_without_its_timer_is_queued_again()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>(FastRecovery)
        {
            ["TASK_RETRY_DELAY_SECONDS"] = "600",
            ["TASK_RETRY_MAX_DELAY_SECONDS"] = "600",
        });
        var taskId = SeedMessages.NewTaskId();
        await Platform.Publish(SeedMessages.TaskExecute(taskId, m =>
        {
            m.Data()["configuration"]!["timeout"] = 1;
            m.Data()["configuration"]!["max_retries"] = 1;
        }));
        await Eventually.Until(() => engine.Tasks.Find(taskId, CancellationToken.None),
            r => r is { CurrentState: TaskStateNames.Queued, Attempt: 1, RetryAt: not null }, "attempt 1 timed out, waiting ten minutes for its retry");

        await Database.Scalar<int>("UPDATE ai_engine.task_state SET retry_at = now() - interval '1 hour' WHERE task_id = $1", taskId);

        var row = await Eventually.Until(() => engine.Tasks.Find(taskId, CancellationToken.None), r => r?.Attempt == 2, "attempt 2 started");
        Assert.NotEqual(TaskStateNames.Queued, row!.CurrentState);
        await Platform.WaitFor(taskId, m => m.Status == "IN_PROGRESS" && ((string?)m.Data["current_step"])?.Contains("Running", StringComparison.Ordinal) == true
            && Platform.Statuses(taskId).Count(s => s.Status == "IN_PROGRESS") >= 2, "a second IN_PROGRESS");
    }

    private static Task SendTimeout(EngineApp engine, Guid correlationId, Guid token) =>
        engine.Mediator.Send(new TaskTimeoutElapsed(correlationId, 1), Pipe.Execute<SendContext<TaskTimeoutElapsed>>(c => c.Headers.Set(MessageHeaders.SchedulingTokenId, token)));
}
