using Maas.Tests.Infrastructure;
using Maas.Tests.Infrastructure.Providers;

namespace Maas.Tests.EndToEnd;

/// <summary>
/// The same task through each wire protocol, from <c>task_execute</c> on Redis to the final message: Ollama and
/// Anthropic answer with the model's own output and true usage, and a model slower than the task's timeout fails it.
/// </summary>
public sealed class ProviderAnswerTests : WireTest
{
    private const string Code = """{"code":"print('Hello, World!')","language":"python","file_name":"hello.py","explanation":"Prints a greeting.","dependencies":[],"test_cases":[{"input":"","expected_output":"Hello, World!"}]}""";

    [Fact]
    public async Task Completes_through_ollama_with_its_usage_and_model()
    {
        await using var server = await OllamaServer.Start("qwen2.5-coder:7b");
        server.Script(new ScriptedReply.Answer(Code, 410, 95));
        await using var engine = await EngineApp.Start(Database, Channels, server.Settings());
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        var completed = await Platform.WaitForResult(taskId);

        Assert.Equal("task_completed", completed.MessageType);
        Assert.Equal("print('Hello, World!')", (string?)completed.Data["output_data"]!["code"]);
        Assert.Equal(505, (long)completed.Data["metadata"]!["tokens_used"]!);
        Assert.Equal("qwen2.5-coder:7b", (string?)completed.Data["metadata"]!["model_used"]);
        Assert.Empty(server.Violations);
        Assert.Equal("object", (string?)Assert.Single(server.Requests).Body!["format"]!["type"]);
    }

    [Fact]
    public async Task Completes_through_anthropic_with_its_usage_model_and_cost()
    {
        await using var server = await AnthropicServer.Start("claude-sonnet-4-5");
        server.Script(new ScriptedReply.Answer(Code, 1_000, 200, Model: "claude-sonnet-4-5-20250929"));
        var settings = server.Settings();
        settings["MODEL_PRICES"] = "claude-sonnet-4-5=3/15";
        await using var engine = await EngineApp.Start(Database, Channels, settings);
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        var completed = await Platform.WaitForResult(taskId);

        Assert.Equal("task_completed", completed.MessageType);
        Assert.Equal("python", (string?)completed.Data["output_data"]!["language"]);
        var metadata = completed.Data["metadata"]!;
        Assert.Equal(1_200, (long)metadata["tokens_used"]!);
        Assert.Equal("claude-sonnet-4-5-20250929", (string?)metadata["model_used"]);
        Assert.Equal(((1_000 * 3m) + (200 * 15m)) / 1_000_000m, (decimal)metadata["cost_estimate"]!);
        Assert.Empty(server.Violations);
        Assert.Equal(4096, (int)Assert.Single(server.Requests).Body!["max_tokens"]!);
    }

    [Fact]
    public async Task A_model_slower_than_the_timeout_fails_the_task_with_agent_timeout()
    {
        await using var server = await OpenAIServer.Start();
        server.Fallback = new ScriptedReply.Slow(TimeSpan.FromSeconds(30), new ScriptedReply.Answer(Code, 1, 1));
        await using var engine = await EngineApp.Start(Database, Channels, server.Settings());
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId, m =>
        {
            m.Data()["configuration"]!["timeout"] = 1;
            m.Data()["configuration"]!["max_retries"] = 0;
        }));
        var failed = await Platform.WaitForResult(taskId);

        Assert.Equal("agent_timeout", (string?)failed.Data["error_type"]);
        Assert.True((bool)failed.Data["retry_possible"]!);
        Assert.Equal(1, (int)failed.Data["error_details"]!["timeout_duration"]!);
        Assert.Single(server.Requests);
    }
}
