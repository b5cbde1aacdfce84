using System.Text.Json.Nodes;
using Maas.Tests.Infrastructure;
using Maas.Tests.Infrastructure.Providers;

namespace Maas.Tests.EndToEnd;

/// <summary>
/// A real model answer from <c>task_execute</c> on Redis to the final message, through the OpenAI-compatible
/// provider against a scripted server: structured output, validation, the repair round and the exact usage.
/// </summary>
public sealed class ModelAnswerTests : OpenAIWireTest
{
    private const string Code = """{"code":"print('Hello, World!')","language":"python","file_name":"hello.py","explanation":"Prints a greeting.","dependencies":[],"test_cases":[{"input":"","expected_output":"Hello, World!"}]}""";

    [Fact]
    public async Task Completes_with_the_models_own_output_its_usage_its_dated_model_and_the_cost_of_its_prefix()
    {
        Server.Script(new ScriptedReply.Answer(Code, 1_201, 347, Model: "gpt-4o-mini-2024-07-18"));
        await using var engine = await Start();
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        var completed = await Platform.WaitForResult(taskId);

        Assert.Equal("task_completed", completed.MessageType);
        AssertCode(completed.Data["output_data"]);
        var metadata = completed.Data["metadata"]!;
        Assert.Equal(1_548, (long)metadata["tokens_used"]!);
        Assert.Equal("gpt-4o-mini-2024-07-18", (string?)metadata["model_used"]);
        Assert.Equal(((1_201 * 0.15m) + (347 * 0.60m)) / 1_000_000m, (decimal)metadata["cost_estimate"]!);
        // The row keeps the same figure (0.00038835), so a copy published again from it says what the first one said.
        Assert.Equal((decimal)metadata["cost_estimate"]!, (await engine.Tasks.Find(taskId, CancellationToken.None))!.CostEstimate);
        Assert.Empty(Server.Violations);
        var request = Assert.Single(Server.Requests).Body!;
        Assert.Equal("json_schema", (string?)request["response_format"]!["type"]);
        Assert.Equal("code_generation_output", (string?)request["response_format"]!["json_schema"]!["name"]);
        Assert.Equal("object", (string?)request["response_format"]!["json_schema"]!["schema"]!["type"]);
        Assert.Contains("\"input_data\":{\"description\":\"generate a hello world program\"", LastUserText(request), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("research", """{"query":"vector databases"}""", """{"summary":"Vector databases index embeddings.","findings":["HNSW is common."],"sources":[{"title":"HNSW paper","url":null,"citation":"Malkov 2016"}],"confidence":0.7}""")]
    [InlineData("testing", """{"description":"add","language":"python"}""", """{"test_code":"def test_add():\n    assert add(1, 2) == 3","framework":"pytest","language":"python","file_name":"test_add.py","test_cases":[{"name":"test_add","description":"adds two numbers"}],"run_command":"pytest test_add.py"}""")]
    [InlineData("documentation", """{"description":"the engine API"}""", """{"content":"# Engine API\n\n## Tasks\n","format":"markdown","sections":["Tasks"]}""")]
    public async Task Completes_every_kind_with_the_models_own_validated_record(string taskType, string input, string answer)
    {
        Server.Script(new ScriptedReply.Answer(answer, 50, 40));
        await using var engine = await Start();
        var taskId = SeedMessages.NewTaskId(taskType);

        await Platform.Publish(SeedMessages.TaskExecute(taskId, m =>
        {
            m.Data()["task_type"] = taskType.ToUpperInvariant();
            m.Data()["input_data"] = JsonNode.Parse(input);
            m.Data().Remove("agent_id");
        }));
        var completed = await Platform.WaitForResult(taskId);

        Assert.Equal("task_completed", completed.MessageType);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(answer), completed.Data["output_data"]), completed.Data["output_data"]?.ToJsonString());
        Assert.Equal(90, (long)completed.Data["metadata"]!["tokens_used"]!);
        Assert.Equal($"{taskType}_output", (string?)Assert.Single(Server.Requests).Body!["response_format"]!["json_schema"]!["name"]);
        Assert.Empty(Server.Violations);
    }

    [Fact]
    public async Task Repairs_an_invalid_answer_once_and_reports_the_usage_of_both_calls()
    {
        const string chatty = "Sure! Here is the program: print('Hello, World!')";
        Server.Script(new ScriptedReply.Answer(chatty, 100, 20), new ScriptedReply.Answer(Code, 180, 60));
        await using var engine = await Start();
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        var completed = await Platform.WaitForResult(taskId);

        Assert.Equal("task_completed", completed.MessageType);
        AssertCode(completed.Data["output_data"]);
        Assert.Equal(100 + 20 + 180 + 60, (long)completed.Data["metadata"]!["tokens_used"]!);
        Assert.Equal(2, Server.Requests.Count);
        var repair = Server.Requests[1].Body!["messages"]!.AsArray();
        Assert.Equal(chatty, (string?)repair[^2]!["content"]);
        Assert.Equal("assistant", (string?)repair[^2]!["role"]);
        Assert.StartsWith("Your answer cannot be used:\n- The answer is not the expected JSON object", LastUserText(Server.Requests[1].Body!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fails_with_invalid_output_when_the_repaired_answer_is_still_invalid_after_the_sagas_retries()
    {
        const string wrongLanguage = """{"code":"console.log('hi')","language":"javascript","file_name":"hi.js","explanation":"x","dependencies":[],"test_cases":[]}""";
        Server.Fallback = new ScriptedReply.Answer(wrongLanguage, 10, 5);
        await using var engine = await Start();
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId, m => m.Data()["configuration"]!["max_retries"] = 1));
        var failed = await Platform.WaitForResult(taskId);

        Assert.Equal("task_failed", failed.MessageType);
        Assert.Equal("system_error", (string?)failed.Data["error_type"]);
        Assert.Equal("agent", (string?)failed.Data["system_details"]!["component"]);
        Assert.Equal("invalid_output", (string?)failed.Data["system_details"]!["error_code"]);
        Assert.True((bool)failed.Data["retry_possible"]!);
        Assert.Equal(1, (int)failed.Data["retry_count"]!);
        Assert.Contains("language must be the requested language 'python', not 'javascript'", (string?)failed.Data["error_message"], StringComparison.Ordinal);
        Assert.Equal(4, Server.Requests.Count); // two attempts, each an answer and its repair
        Assert.DoesNotContain(Platform.For(taskId), m => m.Status == "COMPLETED");
    }

    [Fact]
    public async Task A_repair_slower_than_the_timeout_fails_with_agent_timeout_naming_when_the_model_last_answered()
    {
        Server.Script(new ScriptedReply.Answer("not json", 10, 5), new ScriptedReply.Slow(TimeSpan.FromMinutes(5), new ScriptedReply.Answer(Code, 1, 1)));
        await using var engine = await Start();
        var taskId = SeedMessages.NewTaskId();
        var sent = DateTimeOffset.UtcNow;

        await Platform.Publish(SeedMessages.TaskExecute(taskId, m =>
        {
            // Long enough that a loaded machine still gets the first answer in before the deadline.
            m.Data()["configuration"]!["timeout"] = 10;
            m.Data()["configuration"]!["max_retries"] = 0;
        }));
        var failed = await Platform.WaitForResult(taskId);

        Assert.Equal("agent_timeout", (string?)failed.Data["error_type"]);
        Assert.Equal(2, Server.Requests.Count);
        var lastAnswer = DateTimeOffset.Parse((string)failed.Data["error_details"]!["last_response_time"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(lastAnswer, sent, DateTimeOffset.Parse((string)failed.Message["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Falls_back_to_json_object_then_prompt_when_the_server_rejects_them_and_keeps_the_fallback_for_later_tasks()
    {
        Server.Script(OpenAIServer.JsonSchemaRejected(), OpenAIServer.JsonSchemaRejected(), new ScriptedReply.Answer("```json\n" + Code + "\n```", 90, 30));
        Server.Fallback = new ScriptedReply.Answer(Code, 70, 25);
        await using var engine = await Start();
        var first = SeedMessages.NewTaskId();
        var second = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(first));
        var completed = await Platform.WaitForResult(first);
        await Platform.Publish(SeedMessages.TaskExecute(second));
        var later = await Platform.WaitForResult(second);

        AssertCode(completed.Data["output_data"]);
        Assert.Equal(120, (long)completed.Data["metadata"]!["tokens_used"]!);
        Assert.Equal(95, (long)later.Data["metadata"]!["tokens_used"]!);
        var formats = Server.Requests.Select(r => (string?)r.Body!["response_format"]?["type"]).ToArray();
        Assert.Equal(new string?[] { "json_schema", "json_object", null, null }, formats);
        Assert.Contains("matching this JSON schema", SystemTexts(Server.Requests[2].Body!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waits_at_least_the_providers_retry_after_before_the_next_attempt()
    {
        Server.Script(OpenAIServer.RateLimited(TimeSpan.FromSeconds(3)), OpenAIServer.RateLimited(TimeSpan.FromSeconds(3)), new ScriptedReply.Answer(Code, 10, 10));
        await using var engine = await Start();
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        var retrying = await Platform.WaitFor(taskId, m => m.Status == "QUEUED" && ((string?)m.Data["current_step"])?.StartsWith("Attempt 1 failed (resource_exhausted", StringComparison.Ordinal) == true, "the retry announcement");
        var completed = await Platform.WaitForResult(taskId);

        Assert.Equal("task_completed", completed.MessageType);
        var announced = DateTimeOffset.Parse((string)retrying.Message["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture);
        var secondStart = Platform.Statuses(taskId).Last(m => m.Status == "IN_PROGRESS");
        Assert.True(DateTimeOffset.Parse((string)secondStart.Message["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture) - announced >= TimeSpan.FromSeconds(2.9),
            "the second attempt started before Retry-After had passed");
    }

    private Task<EngineApp> Start()
    {
        var settings = Server.Settings();
        foreach (var (key, value) in ProviderHost.FastTransport)
        {
            settings[key] = value;
        }

        settings["MODEL_PRICES"] = "gpt-4o=2.5/10,gpt-4o-mini=0.15/0.60";
        settings["TASK_RETRY_DELAY_SECONDS"] = "0.1";
        return EngineApp.Start(Database, Channels, settings);
    }

    private static void AssertCode(JsonNode? output) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Code), output), $"output_data is {output?.ToJsonString()}");

    private static string LastUserText(JsonObject request) =>
        (string)request["messages"]!.AsArray().Last(m => (string?)m!["role"] == "user")!["content"]!;

    private static string SystemTexts(JsonObject request) =>
        string.Join("\n", request["messages"]!.AsArray().Where(m => (string?)m!["role"] == "system").Select(m => (string?)m!["content"]));
}
