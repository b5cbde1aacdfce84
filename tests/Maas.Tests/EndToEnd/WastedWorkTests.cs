using System.Text.Json.Nodes;
using Maas.Engine.Execution;
using Maas.Tests.Infrastructure;
using Maas.Tests.Infrastructure.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace Maas.Tests.EndToEnd;

/// <summary>No faked or wasted work: a task that cannot run never claims to, and a cancelled one calls no model.</summary>
public sealed class WastedWorkTests : WireTest
{
    [Theory]
    [InlineData("specialized_analysis", "agent_unavailable")]
    [InlineData("code_generation", "invalid_input")]
    public async Task A_task_that_cannot_run_fails_from_queued_without_ever_being_in_progress(string taskType, string errorType)
    {
        await using var engine = await EngineApp.Start(Database, Channels);
        var taskId = SeedMessages.NewTaskId(taskType);

        await Platform.Publish(SeedMessages.TaskExecute(taskId, m =>
        {
            m.Data()["task_type"] = taskType;
            m.Data()["input_data"]!.AsObject().Remove("description");
        }));
        var failed = await Platform.WaitForResult(taskId);

        Assert.Equal(errorType, (string?)failed.Data["error_type"]);
        Assert.Equal(0, (int)failed.Data["retry_count"]!);
        Assert.Equal(["QUEUED"], Platform.Statuses(taskId).Select(m => m.Status));
        Assert.DoesNotContain(Platform.For(taskId), m => ((string?)m.Data["current_step"])?.Contains("unassigned", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Cancelling_a_queued_task_calls_no_model_and_cancelling_a_running_one_stops_its_call()
    {
        await using var server = await OpenAIServer.Start();
        server.Script(new ScriptedReply.Slow(TimeSpan.FromMinutes(5), new ScriptedReply.Answer("{}", 1, 1)));
        server.Fallback = new ScriptedReply.Answer("""{"code":"print(1)","language":"python","file_name":"a.py","explanation":"x","dependencies":[],"test_cases":[]}""", 5, 5);
        var settings = server.Settings();
        settings["MAX_CONCURRENT_TASKS"] = "1";
        await using var engine = await EngineApp.Start(Database, Channels, settings);
        var running = engine.Services.GetRequiredService<RunningTasks>();
        var slow = SeedMessages.NewTaskId();
        var queued = SeedMessages.NewTaskId();
        var next = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(slow, m => Describe(m, "the slow one")));
        await Eventually.Until(() => server.Requests.Count == 1, "the slow task's model call");
        await Platform.Publish(SeedMessages.TaskExecute(queued, m => Describe(m, "the cancelled one")));
        await Platform.WaitFor(queued, m => m.Status == "QUEUED", "QUEUED");
        await Cancel(queued);
        await Platform.WaitFor(queued, m => m.Status == "CANCELLED" && (string?)m.Message["source"] == "ai_engine", "the engine's CANCELLED");
        await Cancel(slow);
        await Platform.WaitFor(slow, m => m.Status == "CANCELLED" && (string?)m.Message["source"] == "ai_engine", "the engine's CANCELLED");
        await Eventually.Until(() => running.Count == 0, "the slow call to stop", TimeSpan.FromSeconds(10));

        // The worker is free again: had the cancelled task stayed in the backlog, it would be called before this one.
        await Platform.Publish(SeedMessages.TaskExecute(next, m => Describe(m, "the next one")));
        Assert.Equal("task_completed", (await Platform.WaitForResult(next)).MessageType);
        var described = server.Requests.Select(r => r.Body!["messages"]!.AsArray().Last()!["content"]!.GetValue<string>()).ToList();
        Assert.Equal(2, described.Count);
        Assert.Contains("the slow one", described[0], StringComparison.Ordinal);
        Assert.Contains("the next one", described[1], StringComparison.Ordinal);
        Assert.Empty(Platform.Results(queued));
        Assert.DoesNotContain(Platform.Statuses(queued), m => m.Status == "IN_PROGRESS");
    }

    private static void Describe(JsonObject message, string description) =>
        message.Data()["input_data"]!["description"] = description;

    private Task Cancel(string taskId) => Platform.PublishStatus(new JsonObject
    {
        ["message_type"] = "task_status_update",
        ["task_id"] = taskId,
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["source"] = "maas_platform",
        ["data"] = new JsonObject { ["status"] = "CANCELLED", ["current_step"] = "Cancelled by the user" },
    });
}
