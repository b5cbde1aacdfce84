using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maas.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Maas.Tests.Api;

/// <summary>
/// One view of the agents: <c>/agents</c>, <c>/health</c> and <c>/stats</c> agree, from the same snapshots, with an
/// agent busy, one unhealthy (its provider unreachable) and one never used; direct execution respects the agent's limit.
/// </summary>
public sealed class AgentEndpointsTests : WireTest
{
    private const string Env = "615dfdb3-1051-449e-b858-e4ea9220837a";

    [Fact]
    public async Task Agents_health_and_stats_agree_and_a_full_agent_refuses_direct_execution_with_503()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>
        {
            ["OFFLINE_AGENT_DELAY_MS"] = "600000",
            ["AGENT_HEALTH_PROBE_SECONDS"] = "0.2",
            ["agents:0:agent_id"] = "coder",
            ["agents:0:type"] = "code_generator",
            ["agents:0:max_concurrent_tasks"] = "1",
            ["agents:0:environments:0"] = Env,
            ["agents:0:environments:1"] = "another-environment",
            ["agents:1:agent_id"] = "writer",
            ["agents:1:type"] = "documentation",
            // Nothing listens on port 1 of loopback: the probe is refused, so this agent is unhealthy.
            ["agents:2:agent_id"] = "far-coder",
            ["agents:2:type"] = "code_generator",
            ["agents:2:provider"] = "openai",
            ["agents:2:model"] = "gpt-4o-mini",
            ["agents:2:base_url"] = "http://127.0.0.1:1/v1",
        });
        using var api = engine.CreateClient();
        var taskId = SeedMessages.NewTaskId();
        await Platform.Publish(SeedMessages.TaskExecute(taskId, m => m.Data()["agent_id"] = "coder"));
        await Platform.WaitFor(taskId, m => m.Status == "IN_PROGRESS", "IN_PROGRESS");
        await Eventually.Until(async () => Agent(await Agents(api), "far-coder")["status"]!.GetValue<string>() == "offline", "the unreachable agent to be offline");

        var agents = await Agents(api);
        var coder = Agent(agents, "coder");
        Assert.Equal("busy", (string?)coder["status"]);
        Assert.Equal(1.0, (double)coder["current_load"]!);
        Assert.Equal(1, (int)coder["max_load"]!);
        Assert.Equal(Env, (string?)coder["environment_id"]);
        Assert.Equal([Env, "another-environment"], coder["environments"]!.AsArray().Select(e => (string?)e));
        Assert.Equal("offline", (string?)coder["provider"]);
        Assert.NotNull(coder["last_activity"]);
        var writer = Agent(agents, "writer");
        Assert.Equal("active", (string?)writer["status"]);
        Assert.True(writer.ContainsKey("last_activity") && writer["last_activity"] is null, "last_activity is written, as null, before the first task");
        Assert.True(writer.ContainsKey("environment_id") && writer["environment_id"] is null, "environment_id is written, as null, for an agent serving all");
        var far = Agent(agents, "far-coder");
        Assert.False((bool)far["healthy"]!);
        Assert.Equal("openai", (string?)far["provider"]);
        Assert.Equal("gpt-4o-mini", (string?)far["model"]);
        Assert.StartsWith("model listing failed", (string?)far["health_reason"], StringComparison.Ordinal);

        var health = await api.GetFromJsonAsync<JsonObject>("/health");
        var stats = await api.GetFromJsonAsync<JsonObject>("/stats");
        Assert.Equal("2_active", (string?)health!["components"]!["agents"]);
        Assert.Equal(3, (int)stats!["agents"]!["total_agents"]!);
        Assert.Equal(2, (int)stats["agents"]!["active_agents"]!);
        Assert.Equal(2, (int)stats["agents"]!["agents_by_type"]!["code_generator"]!);
        Assert.Equal(1, (int)stats["agents"]!["agents_by_type"]!["documentation"]!);

        var busy = await api.PostAsJsonAsync("/agents/coder/execute",
            new JsonObject { ["task_type"] = "code_generation", ["input_data"] = new JsonObject { ["description"] = "hello world", ["language"] = "python" } });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), busy.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
        var problem = await busy.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Agent busy", (string?)problem!["title"]);
        Assert.Equal(1, engine.Services.GetRequiredService<Maas.Engine.Agents.AgentCatalog>().ActivityOf("coder").Running);
    }

    private static async Task<JsonArray> Agents(HttpClient api) => (await api.GetFromJsonAsync<JsonObject>("/agents"))!["agents"]!.AsArray();

    private static JsonObject Agent(JsonArray agents, string id) => agents.Single(a => (string?)a!["agent_id"] == id)!.AsObject();
}
