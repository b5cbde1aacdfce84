using System.Globalization;
using Maas.Tests.Infrastructure;

namespace Maas.Tests.Api.Status;

/// <summary>
/// The agent channel as the platform hears it: an <c>agent_status</c> per agent every <c>AGENT_HEARTBEAT_INTERVAL</c>
/// and at once when an agent's status changes; <c>agent_heartbeat</c> only when asked for.
/// </summary>
public sealed class AgentStatusPublisherTests : WireTest
{
    private static readonly string[] StockAgents = ["code_generator_offline", "research_agent_offline", "testing_agent_offline", "documentation_offline"];

    private readonly ReportChannels _reports = ReportChannels.Unique();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Platform.Also(_reports.Agent);
    }

    [Fact]
    public async Task Publishes_every_agent_with_every_field_at_start_and_again_every_interval()
    {
        var instance = $"engine-{Guid.NewGuid():N}";
        await using var engine = await EngineApp.Start(Database, Channels, _reports.Settings(new Dictionary<string, string?>
        {
            ["AGENT_HEARTBEAT_INTERVAL"] = "1",
            ["MAX_CONCURRENT_TASKS"] = "3",
            ["ENGINE_INSTANCE_ID"] = instance,
        }));

        await Eventually.Until(() => StockAgents.All(a => StatusesOf(a).Count >= 3), "three rounds of agent_status");

        foreach (var agentId in StockAgents)
        {
            var statuses = StatusesOf(agentId);
            var message = statuses[0].Message;
            Assert.Equal("agent_status", (string?)message["message_type"]);
            Assert.Equal("ai_engine", (string?)message["source"]);
            Assert.True(Guid.TryParse((string?)message["message_id"], out _), message.ToJsonString());
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$", (string?)message["timestamp"]);
            var data = statuses[0].Data;
            Assert.Equal(
                ["active_tasks", "capabilities", "current_load", "instance_id", "last_activity", "max_load", "model", "provider", "status", "type"],
                data.Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.Equal("active", (string?)data["status"]);
            Assert.Equal(0, (double)data["current_load"]!);
            Assert.Equal(3, (int)data["max_load"]!);
            Assert.Equal(0, (int)data["active_tasks"]!);
            Assert.Equal("offline", (string?)data["provider"]);
            Assert.Equal("offline", (string?)data["model"]);
            Assert.Equal(instance, (string?)data["instance_id"]);
            Assert.Null(data["last_activity"]);
            Assert.NotEmpty(data["capabilities"]!.AsArray());

            // Nothing changed, so each report after the first is the interval's, one second apart.
            var times = statuses.Select(s => DateTimeOffset.Parse((string)s.Message["timestamp"]!, CultureInfo.InvariantCulture)).ToList();
            Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(0.5), $"{pair.First:O} then {pair.Second:O}"));
        }

        Assert.Equal("code_generator", (string?)StatusesOf("code_generator_offline")[0].Data["type"]);

        // Each round's heartbeats would have gone out before the next round's statuses: three rounds, and none came.
        Assert.DoesNotContain(Platform.On(_reports.Agent), m => m.MessageType == "agent_heartbeat");
    }

    [Fact]
    public async Task Publishes_agent_heartbeats_beside_the_statuses_when_asked()
    {
        await using var engine = await EngineApp.Start(Database, Channels, _reports.Settings(new Dictionary<string, string?>
        {
            ["AGENT_HEARTBEAT_INTERVAL"] = "1",
            ["AGENT_HEARTBEAT_MESSAGES"] = "on",
        }));

        await Eventually.Until(() => StockAgents.All(a => HeartbeatsOf(a).Count >= 1), "an agent_heartbeat per agent");

        var heartbeat = HeartbeatsOf("research_agent_offline")[0];
        Assert.Equal("ai_engine", (string?)heartbeat.Message["source"]);
        Assert.Equal(["active_tasks", "current_load", "status"], heartbeat.Data.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("active", heartbeat.Status);
        Assert.Equal(0, (int)heartbeat.Data["active_tasks"]!);
    }

    [Fact]
    public async Task Publishes_an_agent_s_status_at_once_when_it_becomes_busy_and_when_it_is_free_again()
    {
        // An interval no test waits for: every report after the first can only come from a change.
        await using var engine = await EngineApp.Start(Database, Channels, _reports.Settings(new Dictionary<string, string?>
        {
            ["AGENT_HEARTBEAT_INTERVAL"] = "3600",
            ["MAX_CONCURRENT_TASKS"] = "1",
            ["OFFLINE_AGENT_DELAY_MS"] = "4000",
        }));
        await Eventually.Until(() => StockAgents.All(a => StatusesOf(a).Count == 1), "the agents announced at start");
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));

        var busy = await Eventually.Until(() => Task.FromResult(StatusesOf("code_generator_offline")), s => s.Count >= 2, "code_generator_offline reported busy");
        Assert.Equal("busy", busy[1].Status);
        Assert.Equal(1, (double)busy[1].Data["current_load"]!);
        Assert.Equal(1, (int)busy[1].Data["active_tasks"]!);
        Assert.Equal(1, (int)busy[1].Data["max_load"]!);
        Assert.NotNull(busy[1].Data["last_activity"]);

        await Platform.WaitForResult(taskId);
        var free = await Eventually.Until(() => Task.FromResult(StatusesOf("code_generator_offline")), s => s.Count >= 3, "code_generator_offline reported active again");
        Assert.Equal("active", free[2].Status);
        Assert.Equal(0, (int)free[2].Data["active_tasks"]!);
        Assert.True(
            DateTimeOffset.Parse((string)free[2].Data["last_activity"]!, CultureInfo.InvariantCulture)
                > DateTimeOffset.Parse((string)busy[1].Data["last_activity"]!, CultureInfo.InvariantCulture),
            "the task's end is its agent's last activity");

        // The agents that did not change were not reported again.
        Assert.All(StockAgents.Skip(1), a => Assert.Single(StatusesOf(a)));
    }

    [Fact]
    public async Task Reports_every_agent_offline_when_the_instance_stops()
    {
        var engine = await EngineApp.Start(Database, Channels, _reports.Settings(new Dictionary<string, string?> { ["AGENT_HEARTBEAT_INTERVAL"] = "3600" }));
        await Eventually.Until(() => StockAgents.All(a => StatusesOf(a).Count == 1), "the agents announced at start");

        await engine.DisposeAsync();

        // Every PUBLISH of the engine was answered before its stop returned, so Redis delivers them before this marker.
        await Platform.PublishOn(_reports.Agent, System.Text.Encoding.UTF8.GetBytes("""{"message_type":"marker"}"""));
        await Eventually.Until(() => Platform.On(_reports.Agent).Any(m => m.MessageType == "marker"), "the marker after the engine's last report");

        Assert.All(StockAgents, a => Assert.Equal(["active", "offline"], StatusesOf(a).Select(s => s.Status)));
    }

    private List<RedisListener.Received> StatusesOf(string agentId) => Of(agentId, "agent_status");

    private List<RedisListener.Received> HeartbeatsOf(string agentId) => Of(agentId, "agent_heartbeat");

    private List<RedisListener.Received> Of(string agentId, string messageType) =>
        [.. Platform.On(_reports.Agent).Where(m => m.MessageType == messageType && (string?)m.Message["agent_id"] == agentId)];
}
