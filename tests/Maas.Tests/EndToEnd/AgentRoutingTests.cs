using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maas.Tests.Infrastructure;
using Maas.Tests.Infrastructure.Providers;

namespace Maas.Tests.EndToEnd;

/// <summary>
/// Agents from an <c>AGENTS_FILE</c> naming two real provider servers (OpenAI-compatible and Ollama), on the wire: which
/// server got the call and the agent id in the result show where each task went, by environment, capability, load and health.
/// </summary>
public sealed class AgentRoutingTests : WireTest
{
    private const string OllamaOnly = "9b7c1e52-4f00-4c4e-9e52-000000000001";

    private OpenAIServer _openai = null!;
    private OllamaServer _ollama = null!;
    private readonly string _agentsFile = Path.Combine(Path.GetTempPath(), $"maas-agents-{Guid.NewGuid():N}.json");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _openai = await OpenAIServer.Start("gpt-4o-mini");
        _ollama = await OllamaServer.Start("qwen2.5-coder:7b");
    }

    public override async Task DisposeAsync()
    {
        await _openai.DisposeAsync();
        await _ollama.DisposeAsync();
        File.Delete(_agentsFile);
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Routes_by_environment_first_then_by_language()
    {
        await using var engine = await Start(
            Agent("coder-openai", "openai", "gpt-4o-mini", ["python"], temperature: 0.3),
            Agent("coder-ollama", "ollama", "qwen2.5-coder:7b", ["go"]),
            Agent("coder-ollama-dedicated", "ollama", "qwen2.5-coder:7b", [], environments: [OllamaOnly]));

        // Python in the dedicated environment: the environment wins over the python agent's better fit.
        Assert.Equal("coder-ollama-dedicated", await Run("python", OllamaOnly));
        // Elsewhere the dedicated agent serves nobody; the language decides.
        Assert.Equal("coder-openai", await Run("python"));
        Assert.Equal("coder-ollama", await Run("go"));

        // Each agent's own model and temperature reach its server (the servers refuse any other model).
        Assert.Equal(0.3, (double)Assert.Single(_openai.Requests).Body!["temperature"]!, 3);
        Assert.Equal(2, _ollama.Requests.Count);
        Assert.Empty(_openai.Violations);
        Assert.Empty(_ollama.Violations);
    }

    [Fact]
    public async Task A_task_for_a_full_agent_waits_for_it_while_other_tasks_run_elsewhere()
    {
        await using var engine = await Start(
            Agent("coder-openai", "openai", "gpt-4o-mini", ["python"], limit: 1),
            Agent("coder-ollama", "ollama", "qwen2.5-coder:7b", ["python"]));
        _openai.Script(new ScriptedReply.Slow(TimeSpan.FromSeconds(2), Answer("python")));
        _openai.Fallback = Answer("python");
        _ollama.Fallback = Answer("python");

        var first = await Publish("python", agentId: "coder-openai");
        await Platform.WaitFor(first, m => m.Status == "IN_PROGRESS", "the first task to start");
        var second = await Publish("python", agentId: "coder-openai");
        var other = await Publish("python");

        // The unnamed task goes to the free agent at once, while the named one waits for its agent.
        var otherResult = await Platform.WaitForResult(other);
        Assert.Equal("coder-ollama", (string?)otherResult.Data["agent_id"]);
        var secondResult = await Platform.WaitForResult(second);
        Assert.Equal("coder-openai", (string?)secondResult.Data["agent_id"]);

        var messages = Platform.Messages;
        var firstDone = messages.ToList().FindIndex(m => m.TaskId == first && m.MessageType == "task_completed");
        var secondStarted = messages.ToList().FindIndex(m => m.TaskId == second && m.Status == "IN_PROGRESS");
        Assert.True(firstDone >= 0 && secondStarted > firstDone, "the second task started before the first finished on an agent with a limit of 1");
        Assert.Equal(2, _openai.Requests.Count);
        Assert.Single(_ollama.Requests);
    }

    [Fact]
    public async Task An_unreachable_providers_agents_are_skipped_and_come_back_by_themselves()
    {
        await using var engine = await Start(
            Agent("coder-openai", "openai", "gpt-4o-mini", ["python"]),
            Agent("coder-ollama", "ollama", "qwen2.5-coder:7b", ["go"]));
        using var api = engine.CreateClient();
        _ollama.Fallback = Answer("python");
        _openai.Fallback = Answer("python");

        _openai.Down = true;
        await Eventually.Until(async () => await Status(api, "coder-openai") == "offline", "the openai agent to be seen as offline");

        // The better fit is down: the task runs on the other agent, and a task that named the sick agent says who ran it.
        Assert.Equal("coder-ollama", await Run("python"));
        Assert.Equal("coder-ollama", await Run("python", agentId: "coder-openai"));
        Assert.Empty(_openai.Requests);

        _openai.Down = false;
        await Eventually.Until(async () => await Status(api, "coder-openai") == "active", "the openai agent to come back");
        Assert.Equal("coder-openai", await Run("python"));
        Assert.Single(_openai.Requests);
        Assert.True(_openai.Listings > 0);
    }

    [Fact]
    public async Task A_provider_whose_calls_keep_failing_is_left_out_though_its_listing_answers()
    {
        await using var engine = await Start(
            Agent("coder-openai", "openai", "gpt-4o-mini", ["python"]),
            Agent("coder-ollama", "ollama", "qwen2.5-coder:7b", ["go"]));
        _openai.Fallback = OpenAIServer.ServerError(503);
        _ollama.Fallback = Answer("python");

        for (var i = 0; i < 3; i++)
        {
            var failing = await Publish("python", maxRetries: 0);
            var failed = await Platform.WaitForResult(failing);
            Assert.Equal("agent_unavailable", (string?)failed.Data["error_type"]);
        }

        // The probe still gets its listing, but three calls in a row failed: the better fit is left out for now.
        Assert.Equal("coder-ollama", await Run("python"));
        Assert.Equal(3, _openai.Requests.Count);
        Assert.True(_openai.Listings > 0);
    }

    private async Task<EngineApp> Start(params JsonObject[] agents)
    {
        await File.WriteAllTextAsync(_agentsFile, new JsonObject { ["agents"] = new JsonArray([.. agents]) }.ToJsonString());
        return await EngineApp.Start(Database, Channels, new Dictionary<string, string?>
        {
            ["AGENTS_FILE"] = _agentsFile,
            ["OPENAI_BASE_URL"] = _openai.BaseUrl,
            ["OPENAI_API_KEY"] = _openai.ApiKey,
            ["OLLAMA_URL"] = _ollama.Address.ToString(),
            ["AGENT_HEALTH_PROBE_SECONDS"] = "0.2",
            ["AGENT_FAILURE_COOLDOWN_SECONDS"] = "600",
            ["PROVIDER_RETRY_ATTEMPTS"] = "0",
        });
    }

    private static JsonObject Agent(string id, string provider, string model, string[] languages, int? limit = null, string[]? environments = null, double? temperature = null)
    {
        var agent = new JsonObject
        {
            ["agent_id"] = id,
            ["type"] = "code_generator",
            ["languages"] = new JsonArray([.. languages.Select(l => JsonValue.Create(l))]),
            ["provider"] = provider,
            ["model"] = model,
            ["environments"] = new JsonArray([.. (environments ?? []).Select(e => JsonValue.Create(e))]),
        };
        if (limit is { } max)
        {
            agent["max_concurrent_tasks"] = max;
        }

        if (temperature is { } t)
        {
            agent["temperature"] = t;
        }

        return agent;
    }

    private async Task<string> Run(string language, string? environmentId = null, string? agentId = null)
    {
        _ollama.Fallback = Answer(language);
        _openai.Fallback = Answer(language);
        var taskId = await Publish(language, environmentId, agentId);
        var result = await Platform.WaitForResult(taskId);
        Assert.Equal("task_completed", result.MessageType);
        return (string)result.Data["agent_id"]!;
    }

    private async Task<string> Publish(string language, string? environmentId = null, string? agentId = null, int? maxRetries = null)
    {
        var taskId = SeedMessages.NewTaskId();
        await Platform.Publish(SeedMessages.TaskExecute(taskId, m =>
        {
            var data = m.Data();
            if (maxRetries is { } retries)
            {
                data["configuration"]!["max_retries"] = retries;
            }

            data["input_data"]!["language"] = language;
            if (environmentId is not null)
            {
                data["environment_id"] = environmentId;
            }

            if (agentId is null)
            {
                data.Remove("agent_id");
            }
            else
            {
                data["agent_id"] = agentId;
            }
        }));
        return taskId;
    }

    private static ScriptedReply.Answer Answer(string language) => new(new JsonObject
    {
        ["code"] = language == "go" ? "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"Hello, World!\") }\n" : "print('Hello, World!')",
        ["language"] = language,
        ["file_name"] = language == "go" ? "main.go" : "hello.py",
        ["explanation"] = "Prints a greeting.",
        ["dependencies"] = new JsonArray(),
        ["test_cases"] = new JsonArray(new JsonObject { ["input"] = "", ["expected_output"] = "Hello, World!" }),
    }.ToJsonString(), 10, 20);

    private static async Task<string?> Status(HttpClient api, string agentId)
    {
        var body = await api.GetFromJsonAsync<JsonObject>("/agents");
        return (string?)body!["agents"]!.AsArray().Single(a => (string?)a!["agent_id"] == agentId)!["status"];
    }
}
