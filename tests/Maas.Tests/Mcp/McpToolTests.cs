using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maas.Mcp;
using Maas.Tests.Infrastructure;
using Maas.Tests.Infrastructure.Mcp;
using Maas.Tests.Infrastructure.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace Maas.Tests.Mcp;

/// <summary>
/// MCP tools on the wire: a scripted OpenAI-compatible model asks for tool calls, the engine calls the tools of the
/// real MCP test server (a process of its own, over stdio or streamable HTTP), and the model receives their results.
/// </summary>
public sealed class McpToolTests : OpenAIWireTest
{
    private const string Code = """{"code":"print('Hello, World!')","language":"python","file_name":"hello.py","explanation":"Prints a greeting.","dependencies":[],"test_cases":[{"input":"","expected_output":"Hello, World!"}]}""";

    [Fact]
    public async Task The_model_calls_a_stdio_server_tool_and_receives_its_result()
    {
        // Models often write a line beside their tool calls; it is not part of the answer.
        var lookup = new ScriptedReply.ToolCalls([new ScriptedToolCall("lookup_fact", new JsonObject { ["key"] = "capital_of_france" })], 100, 20, "Let me look that up.");
        Server.Script(lookup, new ScriptedReply.Answer(Code, 300, 50));
        await using var engine = await StartEngine(McpTestServer.Stdio("facts"));
        await WaitUntilConnected(engine, 1);
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        var completed = await Platform.WaitForResult(taskId);

        Assert.Equal("task_completed", completed.MessageType);
        Assert.Empty(Server.Violations);
        Assert.Equal(2, Server.Requests.Count);
        Assert.Contains("lookup_fact", OpenAIServer.OfferedTools(Server.Requests[0]));
        Assert.Equal("Paris", Assert.Single(OpenAIServer.ToolResults(Server.Requests[1])).Content);
        Assert.Equal(120 + 350, (long)completed.Data["metadata"]!["tokens_used"]!);
        Assert.Equal(1, (int)completed.Data["metadata"]!["tool_calls"]!);
        var details = await Details(engine, taskId);
        Assert.Equal(1, (int)details["tool_calls"]!);
        Assert.Equal(1, (int)details["tool_calls_by_name"]!["lookup_fact"]!);
    }

    [Fact]
    public async Task The_model_calls_a_streamable_http_server_tool_and_receives_its_result()
    {
        await using var mcp = await McpTestServer.StartHttp();
        Server.Script(
            ScriptedToolCall.Calls(new ScriptedToolCall("add", new JsonObject { ["a"] = 2, ["b"] = 3 }), new ScriptedToolCall("add", new JsonObject { ["a"] = 40, ["b"] = 2 })),
            new ScriptedReply.Answer(Code, 300, 50));
        await using var engine = await StartEngine(mcp.Http("calc"));
        await WaitUntilConnected(engine, 1);
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        var completed = await Platform.WaitForResult(taskId);

        Assert.Equal("task_completed", completed.MessageType);
        Assert.Empty(Server.Violations);
        Assert.Equal(["5", "42"], OpenAIServer.ToolResults(Server.Requests[1]).Select(r => r.Content));
        var details = await Details(engine, taskId);
        Assert.Equal(2, (int)details["tool_calls"]!);
        Assert.Equal(2, (int)details["tool_calls_by_name"]!["add"]!);
    }

    [Fact]
    public async Task Running_an_agent_directly_offers_its_tools_too_and_reports_the_calls()
    {
        Server.Script(ScriptedToolCall.Call("lookup_fact", new JsonObject { ["key"] = "answer" }), new ScriptedReply.Answer(Code, 300, 50));
        await using var engine = await StartEngine(McpTestServer.Stdio("facts"));
        await WaitUntilConnected(engine, 1);
        using var client = engine.CreateClient();

        var response = await client.PostAsJsonAsync("/agents/code_generator_openai/execute",
            new JsonObject { ["task_type"] = "code_generation", ["input_data"] = new JsonObject { ["description"] = "hello world", ["language"] = "python" } });

        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, (int)body["metadata"]!["tool_calls"]!);
        Assert.Equal("42", Assert.Single(OpenAIServer.ToolResults(Server.Requests[1])).Content);
    }

    [Fact]
    public async Task A_failing_tool_reaches_the_model_as_an_error_and_the_task_completes()
    {
        Server.Script(ScriptedToolCall.Call("fail"), new ScriptedReply.Answer(Code, 300, 50));
        await using var engine = await StartEngine(McpTestServer.Stdio("facts"));
        await WaitUntilConnected(engine, 1);
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        var completed = await Platform.WaitForResult(taskId);

        Assert.Equal("task_completed", completed.MessageType);
        Assert.Empty(Server.Violations);
        var result = Assert.Single(OpenAIServer.ToolResults(Server.Requests[1])).Content;
        Assert.StartsWith("Error: the tool 'fail' (MCP server 'facts') failed", result, StringComparison.Ordinal);
        Assert.Equal(1, (int)(await Details(engine, taskId))["tool_calls"]!);
    }

    [Fact]
    public async Task A_tool_that_hangs_past_its_timeout_reaches_the_model_as_an_error_and_the_task_completes()
    {
        Server.Script(ScriptedToolCall.Call("slow", new JsonObject { ["seconds"] = 120 }), new ScriptedReply.Answer(Code, 300, 50));
        await using var engine = await StartEngine(McpTestServer.Stdio("facts", toolTimeoutSeconds: 1));
        await WaitUntilConnected(engine, 1);
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        var completed = await Platform.WaitForResult(taskId);

        Assert.Equal("task_completed", completed.MessageType);
        Assert.Equal(
            "Error: the tool 'slow' (MCP server 'facts') failed: no answer within 1 s (the tool timeout)",
            Assert.Single(OpenAIServer.ToolResults(Server.Requests[1])).Content);
        // The server lives on: a timed-out call is cancelled, not a reason to drop the session.
        Assert.Equal(1, engine.Services.GetRequiredService<McpServers>().Connections("facts"));
    }

    [Fact]
    public async Task Max_tool_rounds_bounds_a_model_that_keeps_calling_tools_and_it_then_answers_without_tools()
    {
        var add = ScriptedToolCall.Call("add", new JsonObject { ["a"] = 1, ["b"] = 1 });
        Server.Script(add, add, add, add, new ScriptedReply.Answer(Code, 300, 50));
        Server.Fallback = add;
        await using var engine = await StartEngine(McpTestServer.Stdio("calc"), new Dictionary<string, string?> { ["MAX_TOOL_ROUNDS"] = "3" });
        await WaitUntilConnected(engine, 1);
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId, m => m.Data()["configuration"]!["max_retries"] = 0));
        var completed = await Platform.WaitForResult(taskId);

        Assert.Equal("task_completed", completed.MessageType);
        Assert.Empty(Server.Violations);
        // Three rounds of tools, the fourth call's tool request left unanswered, then the repair round offers no tools.
        Assert.Equal(5, Server.Requests.Count);
        Assert.Equal(3, OpenAIServer.ToolResults(Server.Requests[3]).Count);
        Assert.Empty(OpenAIServer.OfferedTools(Server.Requests[4]));
        Assert.Equal(3, (int)(await Details(engine, taskId))["tool_calls"]!);
    }

    [Fact]
    public async Task A_server_that_dies_mid_task_is_reported_to_the_model_and_reconnected()
    {
        await using var http = await McpTestServer.StartHttp();
        var settings = McpTestServer.Stdio("facts", index: 0);
        foreach (var (key, value) in http.Http("calc", index: 1))
        {
            settings[key] = value;
        }

        Server.Script(ScriptedToolCall.Call("exit_process"), new ScriptedReply.Answer(Code, 300, 50));
        await using var engine = await StartEngine(settings);
        var servers = engine.Services.GetRequiredService<McpServers>();
        await WaitUntilConnected(engine, 2);
        using var client = engine.CreateClient();
        var seen = new List<string>();
        async Task<string> Health()
        {
            var health = await client.GetFromJsonAsync<JsonObject>("/health");
            var value = (string)health!["components"]!["mcp_servers"]!;
            if (seen.Count == 0 || seen[^1] != value)
            {
                seen.Add(value);
            }

            return value;
        }

        Assert.Equal("2_connected", await Health());
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        await Eventually.Until(Health, v => v == "1_connected", "the dead server to show as disconnected");
        var completed = await Platform.WaitForResult(taskId);
        await Eventually.Until(Health, v => v == "2_connected" && servers.Connections("facts") == 2, "the dead server to be started and connected again");

        Assert.Equal("task_completed", completed.MessageType);
        Assert.StartsWith("Error: the tool 'exit_process' (MCP server 'facts') failed", Assert.Single(OpenAIServer.ToolResults(Server.Requests[1])).Content, StringComparison.Ordinal);
        Assert.Equal(["2_connected", "1_connected", "2_connected"], seen);
        Assert.Equal(1, servers.Connections("calc"));
    }

    [Fact]
    public async Task An_http_server_that_dies_mid_task_is_reported_to_the_model_and_reconnected_when_it_is_back()
    {
        var first = await McpTestServer.StartHttp();
        await using var _ = first;
        Server.Script(ScriptedToolCall.Call("exit_process"), new ScriptedReply.Answer(Code, 300, 50));
        await using var engine = await StartEngine(first.Http("calc"));
        var servers = engine.Services.GetRequiredService<McpServers>();
        await WaitUntilConnected(engine, 1);
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        var completed = await Platform.WaitForResult(taskId);
        await Eventually.Until(() => first.HasExited && servers.Connected == 0, "the dead HTTP server to show as disconnected");
        await using var second = await McpTestServer.StartHttp(first.Url.Port);
        await WaitUntilConnected(engine, 1);

        Assert.Equal("task_completed", completed.MessageType);
        Assert.StartsWith("Error: the tool 'exit_process' (MCP server 'calc') failed", Assert.Single(OpenAIServer.ToolResults(Server.Requests[1])).Content, StringComparison.Ordinal);
        Assert.Equal(2, servers.Connections("calc"));
    }

    [Fact]
    public async Task A_server_that_is_down_does_not_stop_the_engine_and_its_tools_are_not_offered()
    {
        var closed = new Uri("http://127.0.0.1:9/mcp"); // the discard port: nothing listens there
        var settings = McpTestServer.Stdio("facts", index: 0);
        foreach (var (key, value) in McpTestServer.HttpAt(closed, "search", index: 1))
        {
            settings[key] = value;
        }

        Server.Script(new ScriptedReply.Answer(Code, 300, 50));
        await using var engine = await StartEngine(settings);
        await WaitUntilConnected(engine, 1);
        using var client = engine.CreateClient();
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        var completed = await Platform.WaitForResult(taskId);

        Assert.Equal("task_completed", completed.MessageType);
        Assert.Equal("1_connected", (string?)(await client.GetFromJsonAsync<JsonObject>("/health"))!["components"]!["mcp_servers"]);
        Assert.Contains("lookup_fact", OpenAIServer.OfferedTools(Server.Requests[0]));
        Assert.Equal(0, (int)(await Details(engine, taskId))["tool_calls"]!);
        Assert.Null(completed.Data["metadata"]!["tool_calls"]); // the seed's three fields when no tool was called
    }

    [Fact]
    public async Task A_stdio_server_gets_its_declared_environment_but_not_the_engines()
    {
        Server.Script(
            ScriptedToolCall.Calls(new ScriptedToolCall("read_env", new JsonObject { ["name"] = "FACTS_REGION" }), new ScriptedToolCall("read_env", new JsonObject { ["name"] = "MAAS_ENGINE_SECRET" })),
            new ScriptedReply.Answer(Code, 300, 50));
        Environment.SetEnvironmentVariable("MAAS_ENGINE_SECRET", "do-not-pass-on");
        await using var engine = await StartEngine(McpTestServer.Stdio("facts", env: new Dictionary<string, string> { ["FACTS_REGION"] = "eu-west" }));
        await WaitUntilConnected(engine, 1);
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        await Platform.WaitForResult(taskId);

        Assert.Equal(["eu-west", ""], OpenAIServer.ToolResults(Server.Requests[1]).Select(r => r.Content));
    }

    private async Task<EngineApp> StartEngine(Dictionary<string, string?> mcp, IDictionary<string, string?>? more = null)
    {
        var settings = Server.Settings();
        foreach (var (key, value) in mcp.Concat(more ?? new Dictionary<string, string?>()))
        {
            settings[key] = value;
        }

        return await EngineApp.Start(Database, Channels, settings);
    }

    private static Task WaitUntilConnected(EngineApp engine, int servers) =>
        Eventually.Until(() => engine.Services.GetRequiredService<McpServers>().Connected == servers, $"{servers} MCP servers to connect");

    private static async Task<JsonObject> Details(EngineApp engine, string taskId)
    {
        using var client = engine.CreateClient();
        return (await client.GetFromJsonAsync<JsonObject>($"/tasks/{taskId}"))!;
    }
}
