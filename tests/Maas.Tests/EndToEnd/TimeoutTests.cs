using Maas.Engine.Scheduling;
using Maas.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Maas.Tests.EndToEnd;

/// <summary>The per-attempt timeout, scheduled through Quartz by the state machine's own Schedule/Unschedule.</summary>
public sealed class TimeoutTests : WireTest
{

    [Fact]
    public async Task An_agent_slower_than_the_timeout_fails_the_task_with_agent_timeout()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?> { ["OFFLINE_AGENT_DELAY_MS"] = "60000" });
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId, m =>
        {
            m.Data()["configuration"]!["timeout"] = 1;
            m.Data()["configuration"]!["max_retries"] = 0;
        }));

        var failed = await Platform.WaitForResult(taskId);
        Assert.Equal("task_failed", failed.MessageType);
        Assert.Equal("agent_timeout", (string?)failed.Data["error_type"]);
        Assert.True((bool)failed.Data["retry_possible"]!);
        Assert.Equal(0, (int)failed.Data["retry_count"]!);
        Assert.Equal(0, (int)failed.Data["max_retries"]!);
        Assert.Equal(1, (int)failed.Data["timeout_duration"]!);
        Assert.Equal("code_generator_658e1617", (string?)failed.Data["error_details"]!["agent_id"]);
        Assert.Equal("Failed", (await engine.Tasks.Find(taskId, CancellationToken.None))!.CurrentState);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried_until_the_retry_budget_is_spent()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>
        {
            ["OFFLINE_AGENT_DELAY_MS"] = "60000",
            ["TASK_RETRY_DELAY_SECONDS"] = "0.2",
        });
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId, m =>
        {
            m.Data()["configuration"]!["timeout"] = 1;
            m.Data()["configuration"]!["max_retries"] = 1;
        }));

        var failed = await Platform.WaitForResult(taskId);
        Assert.Equal("agent_timeout", (string?)failed.Data["error_type"]);
        Assert.Equal(1, (int)failed.Data["retry_count"]!);
        Assert.Equal(1, (int)failed.Data["max_retries"]!);
        var statuses = Platform.Statuses(taskId);
        Assert.Equal(["QUEUED", "IN_PROGRESS", "QUEUED", "QUEUED", "IN_PROGRESS"], statuses.Select(m => m.Status!));
        Assert.Contains("retry 1 of 1 in", (string?)statuses[2].Data["current_step"], StringComparison.Ordinal);
        Assert.Equal("Waiting for a worker (retry 1 of 1)", (string?)statuses[3].Data["current_step"]);
        Assert.Equal(2, (await engine.Tasks.Find(taskId, CancellationToken.None))!.Attempt);
    }

    [Fact]
    public async Task Completing_before_the_timeout_cancels_the_timer()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?> { ["OFFLINE_AGENT_DELAY_MS"] = "300" });
        var scheduler = await engine.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId, m => m.Data()["configuration"]!["timeout"] = 30));

        await Platform.WaitFor(taskId, m => m.Status == "IN_PROGRESS", "IN_PROGRESS");
        var armed = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(QuartzScheduleMessageProvider.TriggerGroup));
        Assert.Single(armed);

        Assert.Equal("task_completed", (await Platform.WaitForResult(taskId)).MessageType);
        await Eventually.Until(async () => (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(QuartzScheduleMessageProvider.TriggerGroup))).Count == 0, "the timeout trigger to be removed");
        var task = await engine.Tasks.Find(taskId, CancellationToken.None);
        Assert.Equal("Completed", task!.CurrentState);
    }
}
