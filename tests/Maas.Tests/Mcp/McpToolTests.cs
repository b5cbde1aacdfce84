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
        Server.Script(ScriptedToolCall.Call("lookup_fact", new JsonObject { ["key"] = "capital_of_france" }), new ScriptedReply.Answer(Code, 300, 50));
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
