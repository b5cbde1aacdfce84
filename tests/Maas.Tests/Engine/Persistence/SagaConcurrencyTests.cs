using Maas.Contracts.Messages;
using Maas.Contracts.Wire;
using Maas.Engine.Tasks;
using Maas.Tests.Infrastructure;

namespace Maas.Tests.Engine.Persistence;

/// <summary>Optimistic concurrency on the saga row, retried on conflict, with the outbox: nothing lost, nothing doubled.</summary>
public sealed class SagaConcurrencyTests : WireTest
{

    [Fact]
    public async Task Two_engines_receiving_the_same_tasks_keep_one_row_per_task_and_run_each_once()
    {
        var engines = await Task.WhenAll(EngineApp.Start(Database, Channels), EngineApp.Start(Database, Channels));
        await using var first = engines[0];
        await using var second = engines[1];
        var taskIds = Enumerable.Range(0, 40).Select(_ => SeedMessages.NewTaskId()).ToArray();

        await Task.WhenAll(taskIds.Select(id => Platform.Publish(SeedMessages.TaskExecute(id))));

        await Eventually.Until(() => taskIds.All(id => Platform.Results(id).Count > 0), "a result for every task");
        foreach (var id in taskIds)
        {
            Assert.Equal("task_completed", Assert.Single(Platform.Results(id)).MessageType);
            Assert.Single(Platform.Statuses(id), m => m.Status == "IN_PROGRESS");
        }

        Assert.Equal(40, await Database.Scalar<long>("SELECT count(*) FROM ai_engine.task_state"));
        Assert.Equal(40, await Database.Scalar<long>($"SELECT count(*) FROM ai_engine.task_state WHERE current_state = '{TaskStateNames.Completed}' AND attempt = 1"));
    }

    [Fact]
    public async Task A_result_and_a_failure_racing_on_one_saga_publish_exactly_one_outcome()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>
        {
            ["OFFLINE_AGENT_DELAY_MS"] = "600000",
            ["MAX_CONCURRENT_TASKS"] = "20",
        });
        var taskIds = Enumerable.Range(0, 20).Select(_ => SeedMessages.NewTaskId()).ToArray();
        await Task.WhenAll(taskIds.Select(id => Platform.Publish(SeedMessages.TaskExecute(id))));
        await Eventually.Until(() => taskIds.All(id => Platform.Statuses(id).Any(m => m.Status == "IN_PROGRESS")), "every task in progress");

        await Task.WhenAll(taskIds.SelectMany(id => new[]
        {
            engine.Mediator.Send(new TaskSucceeded { TaskId = id, Attempt = 1, OutputData = """{"code":"x"}""", FinishedAt = DateTimeOffset.UtcNow }),
            engine.Mediator.Send(new TaskAttemptFailed { TaskId = id, Attempt = 1, ErrorType = ErrorTypes.SystemError, ErrorMessage = "racing", Retryable = false }),
        }));

        await Eventually.Until(() => taskIds.All(id => Platform.Results(id).Count > 0), "an outcome for every task");
        foreach (var id in taskIds)
        {
            var outcome = Assert.Single(Platform.Results(id));
            var row = await engine.Tasks.Find(id, CancellationToken.None);
            Assert.Equal(outcome.MessageType == "task_completed" ? TaskStateNames.Completed : TaskStateNames.Failed, row!.CurrentState);
        }
    }

    [Fact]
    public async Task Thirty_two_progress_reports_racing_on_one_saga_are_all_applied()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?> { ["OFFLINE_AGENT_DELAY_MS"] = "600000" });
        var taskId = SeedMessages.NewTaskId();
        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        await Platform.WaitFor(taskId, m => m.Status == "IN_PROGRESS", "IN_PROGRESS");

        await Task.WhenAll(Enumerable.Range(1, 32).Select(p => engine.Mediator.Send(new TaskProgressed(taskId, 1, p, $"step {p}"))));

        await Eventually.Until(() => Platform.Statuses(taskId).Count(m => ((string?)m.Data["current_step"])?.StartsWith("step ", StringComparison.Ordinal) == true) == 32,
            "a status update for each of the 32 reports");
        var steps = Platform.Statuses(taskId).Select(m => (string?)m.Data["current_step"]).Where(s => s?.StartsWith("step ", StringComparison.Ordinal) == true);
        Assert.Equal(Enumerable.Range(1, 32).Select(p => $"step {p}").Order(), steps.Order());
    }
}
