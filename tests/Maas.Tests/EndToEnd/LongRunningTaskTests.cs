using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maas.Engine.Agents;
using Maas.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Maas.Tests.EndToEnd;

/// <summary>A slow agent reports progress while it works, and the platform can cancel it.</summary>
public sealed class LongRunningTaskTests : WireTest
{
    [Fact]
    public async Task A_slow_agent_reports_progress_every_heartbeat_interval_until_it_answers()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>
        {
            ["OFFLINE_AGENT_DELAY_MS"] = "2500",
            ["AGENT_HEARTBEAT_INTERVAL"] = "1",
        });
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId, m => m.Data()["configuration"]!["timeout"] = 10));

        Assert.Equal("task_completed", (await Platform.WaitForResult(taskId)).MessageType);
        var beats = Platform.Statuses(taskId).Where(m => ((string?)m.Data["current_step"])?.StartsWith("Waiting for the model", StringComparison.Ordinal) == true).ToList();
        Assert.InRange(beats.Count, 1, 3);
        Assert.All(beats, b => Assert.Equal("IN_PROGRESS", b.Status));
        Assert.All(beats, b => Assert.InRange((int)b.Data["progress_percentage"]!, 1, 95));
        Assert.All(beats, b => Assert.NotNull(b.Data["estimated_completion"]));
    }

    [Fact]
    public async Task A_platform_cancel_stops_the_agent_and_ends_the_task_cancelled()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?> { ["OFFLINE_AGENT_DELAY_MS"] = "600000" });
        var taskId = SeedMessages.NewTaskId();
        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        await Platform.WaitFor(taskId, m => m.Status == "IN_PROGRESS", "IN_PROGRESS");
        var coder = engine.Services.GetRequiredService<AgentCatalog>().ActivityOf("code_generator_offline");
        Assert.Equal(1, coder.Running);

        await Platform.PublishStatus(new JsonObject
        {
            ["message_type"] = "task_status_update",
            ["task_id"] = taskId,
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["source"] = "maas_platform",
            ["data"] = new JsonObject { ["status"] = "CANCELLED", ["current_step"] = "Cancelled by the user" },
        });

        var cancelled = await Platform.WaitFor(taskId, m => m.Status == "CANCELLED" && (string?)m.Message["source"] == "ai_engine", "the engine's CANCELLED");
        Assert.Equal("Cancelled: Cancelled by the user", (string?)cancelled.Data["current_step"]);
        await Eventually.Until(() => coder.Running == 0, "the agent to stop");
        using var client = engine.CreateClient();
        var details = await client.GetFromJsonAsync<JsonObject>($"/tasks/{taskId}");
        Assert.Equal("CANCELLED", (string?)details!["status"]);
        Assert.Empty(Platform.Results(taskId));
    }
}
