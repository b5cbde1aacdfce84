using System.Text.Json;
using System.Text.Json.Nodes;
using Maas.Contracts.Api;
using Maas.Contracts.Wire;
using Maas.RedisBridge.Outbound;

namespace Maas.Tests.RedisBridge.Outbound;

/// <summary>The engine's reports about itself (<c>agent_status</c>, <c>agent_heartbeat</c>, <c>system_status</c>) in the platform's envelope.</summary>
public sealed class StatusMessagesTests
{
    private static readonly DateTimeOffset At = new(2025, 6, 14, 5, 53, 28, TimeSpan.Zero);

    [Fact]
    public void Writes_an_agent_status_with_its_agent_at_the_top_and_last_activity_null_before_the_first_task()
    {
        var json = Write(WireMessages.AgentStatus("code_generator_offline", Agent("engine-a"), At), WireJsonContext.Default.WireMessageAgentStatusData);

        Assert.Equal(["agent_id", "data", "message_id", "message_type", "source", "timestamp"], Keys(json));
        Assert.Equal(("agent_status", "code_generator_offline", "ai_engine", "2025-06-14T05:53:28.000000Z"),
            ((string?)json["message_type"], (string?)json["agent_id"], (string?)json["source"], (string?)json["timestamp"]));
        Assert.Equal(
            ["active_tasks", "capabilities", "current_load", "instance_id", "last_activity", "max_load", "model", "provider", "status", "type"],
            Keys(json["data"]!));
        Assert.Null(json["data"]!["last_activity"]);
        Assert.Equal(0.5, (double?)json["data"]!["current_load"]);
        Assert.Equal(4, (int?)json["data"]!["max_load"]);
    }

    [Fact]
    public void Names_an_agent_report_by_agent_instance_and_time_so_each_instance_s_copy_is_its_own()
    {
        string Id(string agent, string instance, DateTimeOffset at) => WireMessages.AgentStatus(agent, Agent(instance), at).MessageId!;

        Assert.Equal(Id("a", "engine-a", At), Id("a", "engine-a", At));
        Assert.NotEqual(Id("a", "engine-a", At), Id("a", "engine-b", At));
        Assert.NotEqual(Id("a", "engine-a", At), Id("b", "engine-a", At));
        Assert.NotEqual(Id("a", "engine-a", At), Id("a", "engine-a", At.AddSeconds(30)));
        Assert.NotEqual(Id("a", "engine-a", At),
            WireMessages.AgentHeartbeat("a", "engine-a", new AgentHeartbeatData { Status = AgentStatuses.Active }, At).MessageId);
    }

    [Fact]
    public void Writes_a_system_status_with_health_and_figures_and_no_task_id()
    {
        var data = new SystemStatusData
        {
            Status = "healthy",
            Service = "maas-ai-engine",
            InstanceId = "engine-a",
            Version = "1.0.0",
            UptimeSeconds = 3600,
            Components = new Dictionary<string, string> { ["redis"] = "connected", ["database"] = "connected" },
            Tasks = new TaskStats { TotalProcessed = 156, CurrentlyProcessing = 3, SuccessRate = 0.94, AverageExecutionTime = 45.7 },
            Resources = new ResourceStats { MemoryUsage = "234MB", CpuUsage = "12%", QueueDepth = 2 },
        };

        var json = Write(WireMessages.SystemStatus(data, At), WireJsonContext.Default.WireMessageSystemStatusData);

        Assert.Equal(["data", "message_id", "message_type", "source", "timestamp"], Keys(json));
        Assert.Equal("system_status", (string?)json["message_type"]);
        Assert.Equal(["components", "instance_id", "resources", "service", "status", "tasks", "uptime_seconds", "version"], Keys(json["data"]!));
        Assert.Equal(["average_execution_time", "currently_processing", "success_rate", "total_processed"], Keys(json["data"]!["tasks"]!));
        Assert.Equal(["cpu_usage", "memory_usage", "queue_depth"], Keys(json["data"]!["resources"]!));
        Assert.NotEqual(json["message_id"]!.ToString(), WireMessages.SystemStatus(data with { InstanceId = "engine-b" }, At).MessageId);
    }

    private static AgentStatusData Agent(string instance) => new()
    {
        Status = AgentStatuses.Busy,
        Type = "code_generator",
        Capabilities = ["python"],
        CurrentLoad = 0.5,
        MaxLoad = 4,
        ActiveTasks = 2,
        Provider = "offline",
        Model = "offline",
        InstanceId = instance,
    };

    private static JsonObject Write<T>(T message, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        JsonNode.Parse(JsonSerializer.Serialize(message, typeInfo))!.AsObject();

    private static List<string> Keys(JsonNode node) => [.. node.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)];
}
