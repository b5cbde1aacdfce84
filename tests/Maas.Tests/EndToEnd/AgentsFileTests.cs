using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maas.Tests.Infrastructure;
using Maas.Tests.Infrastructure.Mcp;
using Maas.Tests.Infrastructure.Providers;

namespace Maas.Tests.EndToEnd;

/// <summary>
/// The agent manager as a user sets it up: one <c>AGENTS_FILE</c> with agents on two providers (an OpenAI-compatible
/// and an Ollama server, both real HTTP servers speaking their wire protocols) and an MCP server (a real process over
/// stdio). Tasks go where the rules send them, the OpenAI agent uses the server's tool, and every view of the agents
/// (<c>/agents</c>, <c>/health</c>, <c>/stats</c>, the agent channel) tells the same story.
/// </summary>
public sealed class AgentsFileTests : WireTest
{
    private const string OllamaEnvironment = "4d0c6d0e-8a7b-4f3e-9c1e-0000000000aa";

    private readonly ReportChannels _reports = ReportChannels.Unique();
    private readonly string _agentsFile = Path.Combine(Path.GetTempPath(), $"maas-agents-{Guid.NewGuid():N}.json");
    private OpenAIServer _openai = null!;
    private OllamaServer _ollama = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _openai = await OpenAIServer.Start("gpt-4o-mini");
        _ollama = await OllamaServer.Start("qwen2.5-coder:7b");
        await Platform.Also(_reports.Agent);
    }

    public override async Task DisposeAsync()
    {
        await _openai.DisposeAsync();
        await _ollama.DisposeAsync();
        File.Delete(_agentsFile);
        await base.DisposeAsync();
    }

    [Fact]
    public async Task An_agents_file_with_two_providers_and_an_mcp_server_routes_tasks_uses_the_tools_and_reports_agents_alike_everywhere()
    {
        await File.WriteAllTextAsync(_agentsFile, new JsonObject
        {
            ["agents"] = new JsonArray(
                new JsonObject
                {
                    ["agent_id"] = "coder-openai", ["type"] = "code_generator", ["languages"] = new JsonArray("python"),
                    ["provider"] = "openai", ["model"] = "gpt-4o-mini", ["max_concurrent_tasks"] = 2, ["mcp_servers"] = new JsonArray("facts"),
                },
                new JsonObject
                {
                    ["agent_id"] = "coder-ollama", ["type"] = "code_generator", ["languages"] = new JsonArray("python"),
                    ["provider"] = "ollama", ["model"] = "qwen2.5-coder:7b", ["environments"] = new JsonArray(OllamaEnvironment),
                }),
            ["mcp_servers"] = new JsonArray(new JsonObject
            {
                ["name"] = "facts", ["transport"] = "stdio", ["command"] = McpTestServer.Dotnet, ["args"] = new JsonArray(McpTestServer.Dll),
            }),
        }.ToJsonString());
        await using var engine = await EngineApp.Start(Database, Channels, _reports.Settings(new Dictionary<string, string?>
        {
            ["AGENTS_FILE"] = _agentsFile,
            ["OPENAI_BASE_URL"] = _openai.BaseUrl,
            ["OPENAI_API_KEY"] = _openai.ApiKey,
            ["OLLAMA_URL"] = _ollama.Address.ToString(),
            ["AGENT_HEARTBEAT_INTERVAL"] = "1",
            ["MAX_CONCURRENT_TASKS"] = "4",
        }));
        using var api = engine.CreateClient();
        await Eventually.Until(async () => (string?)(await Json(api, "/health"))["components"]!["mcp_servers"] == "1_connected", "the MCP server to connect");

        // In the Ollama agent's environment the task goes there, though both agents write Python.
        _ollama.Fallback = Answer();
        var dedicated = await Publish(OllamaEnvironment);
        Assert.Equal("coder-ollama", (string?)(await Platform.WaitForResult(dedicated)).Data["agent_id"]);

        // In the seed's environment only the OpenAI agent serves; it calls the MCP server's tool and the model gets the tool's answer.
        _openai.Script(ScriptedToolCall.Call("lookup_fact", new JsonObject { ["key"] = "capital_of_france" }), Answer());
        var elsewhere = await Publish(environmentId: null);
        var completed = await Platform.WaitForResult(elsewhere);
        Assert.Equal("coder-openai", (string?)completed.Data["agent_id"]);
        Assert.Equal(1, (int)completed.Data["metadata"]!["tool_calls"]!);
        Assert.Equal("Paris", Assert.Single(OpenAIServer.ToolResults(_openai.Requests[1])).Content);
        Assert.Empty(_openai.Violations);
        Assert.Empty(_ollama.Violations);

        // One story of the agents: /agents, /health, /stats and the agent channel.
        var agents = (await Json(api, "/agents"))["agents"]!.AsArray().Select(a => a!.AsObject()).ToDictionary(a => (string)a["agent_id"]!);
        Assert.Equal(["coder-ollama", "coder-openai"], agents.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("openai", "gpt-4o-mini", 2), ((string?)agents["coder-openai"]["provider"], (string?)agents["coder-openai"]["model"], (int)agents["coder-openai"]["max_load"]!));
        Assert.Equal(("ollama", OllamaEnvironment), ((string?)agents["coder-ollama"]["provider"], (string?)agents["coder-ollama"]["environment_id"]));
        Assert.Null(agents["coder-openai"]["environment_id"]);
        Assert.All(agents.Values, a => Assert.Equal("active", (string?)a["status"]));
        Assert.Equal("2_active", (string?)(await Json(api, "/health"))["components"]!["agents"]);
        var stats = (await Json(api, "/stats"))["agents"]!;
        Assert.Equal((2, 2), ((int)stats["total_agents"]!, (int)stats["active_agents"]!));

        await Eventually.Until(() => agents.Keys.All(id => Reported(id).Any(d => d["last_activity"] is not null)),
            "an agent_status of each agent after its task");
        foreach (var (id, agent) in agents)
        {
            var reported = Reported(id).Last(d => d["last_activity"] is not null);
            Assert.Equal((string?)agent["provider"], (string?)reported["provider"]);
            Assert.Equal((string?)agent["model"], (string?)reported["model"]);
            Assert.Equal((int)agent["max_load"]!, (int)reported["max_load"]!);
            Assert.Equal("active", (string?)reported["status"]);
        }
    }

    private IEnumerable<JsonObject> Reported(string agentId) =>
        Platform.On(_reports.Agent)
            .Where(m => (string?)m.Message["message_type"] == "agent_status" && (string?)m.Message["agent_id"] == agentId)
            .Select(m => m.Message["data"]!.AsObject());

    /// <summary>The seed's request for Python, in <paramref name="environmentId"/> or else the seed's own environment, naming no agent.</summary>
    private async Task<string> Publish(string? environmentId)
    {
        var taskId = SeedMessages.NewTaskId();
        await Platform.Publish(SeedMessages.TaskExecute(taskId, m =>
        {
            var data = m.Data();
            data.Remove("agent_id");
            data["input_data"]!["language"] = "python";
            if (environmentId is not null)
            {
                data["environment_id"] = environmentId;
            }
        }));
        return taskId;
    }

    private static async Task<JsonObject> Json(HttpClient api, string path) => (await api.GetFromJsonAsync<JsonObject>(path))!;

    private static ScriptedReply.Answer Answer() => new(
        """{"code":"print('Hello, World!')","language":"python","file_name":"hello.py","explanation":"Prints a greeting.","dependencies":[],"test_cases":[{"input":"","expected_output":"Hello, World!"}]}""",
        100, 20);
}
