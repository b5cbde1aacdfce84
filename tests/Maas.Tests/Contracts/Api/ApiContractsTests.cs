using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Maas.Contracts.Api;

namespace Maas.Tests.Contracts.Api;

/// <summary>The HTTP bodies read and write the seed's example responses without losing or changing anything.</summary>
public sealed class ApiContractsTests
{
    [Fact]
    public void Round_trips_the_seed_health_response_unchanged()
    {
        var original = Example("health.json");

        var read = RoundTrip(original, ApiJsonContext.Default.HealthResponse, out var roundTripped);

        AssertDeepEqual(original, roundTripped);
        Assert.Equal("3_active", read.Components["agents"]);
    }

    [Fact]
    public void Round_trips_the_seed_agents_response_unchanged()
    {
        var original = Example("agents.json");

        var read = RoundTrip(original, ApiJsonContext.Default.AgentsResponse, out var roundTripped);

        AssertDeepEqual(original, roundTripped);
        Assert.Equal("0.3", roundTripped["agents"]![0]!["current_load"]!.ToJsonString());
        Assert.Equal(["python", "javascript", "api_development"], Assert.Single(read.Agents).Capabilities);
    }

    [Fact]
    public void Round_trips_the_seed_processing_tasks_response_unchanged()
    {
        var original = Example("tasks_processing.json");

        var read = RoundTrip(original, ApiJsonContext.Default.ProcessingTasksResponse, out var roundTripped);

        AssertDeepEqual(original, roundTripped);
        Assert.Equal(65, Assert.Single(read.ProcessingTasks).Progress);
    }

    [Fact]
    public void Writes_an_agents_environment_and_last_activity_even_when_null()
    {
        var agents = new AgentsResponse(
        [
            new AgentInfo { AgentId = "code_generator", Type = "code_generator", Status = "active", Capabilities = [], CurrentLoad = 0 },
        ]);

        var written = JsonSerializer.SerializeToNode(agents, ApiJsonContext.Default.AgentsResponse)!;

        Assert.Equal(
            ["agent_id", "capabilities", "current_load", "environment_id", "last_activity", "status", "type"],
            written["agents"]![0]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Null(written["agents"]![0]!["environment_id"]);
    }

    private static T RoundTrip<T>(JsonNode original, JsonTypeInfo<T> typeInfo, out JsonNode roundTripped)
    {
        var read = original.Deserialize(typeInfo);
        Assert.NotNull(read);
        roundTripped = JsonSerializer.SerializeToNode(read, typeInfo)!;
        return read;
    }

    private static void AssertDeepEqual(JsonNode? expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Expected {expected?.ToJsonString()}\nbut was  {actual?.ToJsonString()}");

    private static JsonNode Example(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts", "Api", "Examples", file)))!;
}
