using Maas.Tests.Infrastructure;

namespace Maas.Tests.Api.Logging;

/// <summary>What <c>LOG_LEVEL=DEBUG</c> adds about a task: the conflicts its saga resolved by trying again.</summary>
public sealed class DebugLogTests
{
    [Fact]
    public async Task A_conflict_the_saga_resolves_by_retrying_is_a_debug_line_naming_the_task()
    {
        await using var engine = await LoggingEngine.Start("json", "DEBUG");
        var taskId = SeedMessages.NewTaskId();
        var request = SeedMessages.TaskExecute(taskId).ToJsonString();

        // Ten copies at once: their inserts of the task's row race, and all but one meet the row another copy created.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => engine.Platform.Publish(request)));

        var retried = await engine.WaitForLine(taskId, l => ((string?)l["message"])!.Contains("met a concurrent change of the task's row", StringComparison.Ordinal),
            "a conflict tried again");
        Assert.Equal("DEBUG", (string?)retried["level"]);
        Assert.Equal("Maas.Engine.Tasks.TaskStateMachine", (string?)retried["category"]);
        Assert.Equal("ExecuteTask", (string?)retried["message_type"]);
        Assert.False(retried.ContainsKey("exception"));
        await engine.Platform.WaitForResult(taskId);
        Assert.Single(engine.LinesOf(taskId), l => ((string?)l["message"])!.Contains(" accepted:", StringComparison.Ordinal));
    }
}
