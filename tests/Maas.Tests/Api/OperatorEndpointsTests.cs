using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maas.Tests.Infrastructure;

namespace Maas.Tests.Api;

/// <summary>The seed's operator endpoints on a running engine: stats, agents, processing tasks, direct execution.</summary>
public sealed class OperatorEndpointsTests : WireTest
{
    private EngineApp _engine = null!;
    private HttpClient _client = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?> { ["OFFLINE_AGENT_DELAY_MS"] = "600000" });
        _client = _engine.CreateClient();
    }

    public override async Task DisposeAsync()
    {
        _client.Dispose();
        await _engine.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Processing_tasks_and_stats_show_a_running_task()
    {
        var taskId = SeedMessages.NewTaskId();
        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        await Platform.WaitFor(taskId, m => m.Status == "IN_PROGRESS", "IN_PROGRESS");

        var processing = await _client.GetFromJsonAsync<JsonObject>("/tasks/processing");
        var task = Assert.Single(processing!["processing_tasks"]!.AsArray())!;
        Assert.Equal(taskId, (string?)task["task_id"]);
        Assert.Equal("IN_PROGRESS", (string?)task["status"]);
        Assert.Equal("code_generator_658e1617", (string?)task["agent_id"]);
        Assert.NotNull(task["started_at"]);
        Assert.NotNull(task["estimated_completion"]);

        var stats = await _client.GetFromJsonAsync<JsonObject>("/stats") ?? throw new InvalidOperationException("no body");
        Assert.Equal(["agents", "resources", "service", "tasks", "uptime_seconds"], stats.Select(p => p.Key).Order());
        Assert.Equal(1, (long)stats["tasks"]!["currently_processing"]!);
        Assert.Equal(0, (long)stats["tasks"]!["total_processed"]!);
        Assert.Equal(4, (int)stats["agents"]!["total_agents"]!);
        Assert.Equal(4, (int)stats["agents"]!["active_agents"]!);
        Assert.Equal(1, (int)stats["agents"]!["agents_by_type"]!["code_generator"]!);
        Assert.Matches("^[0-9]+MB$", (string?)stats["resources"]!["memory_usage"]);
        Assert.Matches("^[0-9]+%$", (string?)stats["resources"]!["cpu_usage"]);
    }

    [Fact]
    public async Task Agents_lists_each_agent_in_the_seed_shape()
    {
        var body = await _client.GetFromJsonAsync<JsonObject>("/agents");

        var agents = body!["agents"]!.AsArray();
        Assert.Equal(["code_generator_offline", "documentation_offline", "research_agent_offline", "testing_agent_offline"],
            agents.Select(a => (string)a!["agent_id"]!).Order());
        var coder = agents.Single(a => (string?)a!["type"] == "code_generator")!;
        Assert.Equal("active", (string?)coder["status"]);
        Assert.Contains("python", coder["capabilities"]!.AsArray().Select(c => (string?)c));
        Assert.Equal(0.0, (double)coder["current_load"]!);
    }

    [Fact]
    public async Task Direct_execution_runs_the_agent_and_refuses_bad_requests_with_problem_bodies()
    {
        await using var fast = await EngineApp.Start(Database, Channels.Unique());
        using var client = fast.CreateClient();

        var ok = await client.PostAsJsonAsync("/agents/code_generator_offline/execute",
            new JsonObject { ["task_type"] = "code_generation", ["input_data"] = new JsonObject { ["description"] = "Create a REST API endpoint", ["language"] = "python", ["framework"] = "fastapi" } });
        var result = await ok.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("COMPLETED", (string?)result!["status"]);
        Assert.Equal("python", (string?)result["output_data"]!["language"]);
        Assert.Equal("offline", (string?)result["metadata"]!["model_used"]);

        var unknown = await client.PostAsJsonAsync("/agents/nobody/execute", new JsonObject { ["task_type"] = "code_generation", ["input_data"] = new JsonObject() });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        var invalid = await client.PostAsJsonAsync("/agents/code_generator_offline/execute", new JsonObject { ["task_type"] = "code_generation", ["input_data"] = new JsonObject() });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("This field is required", (string?)problem!["errors"]!["input_data.description"]![0]);
    }
}
