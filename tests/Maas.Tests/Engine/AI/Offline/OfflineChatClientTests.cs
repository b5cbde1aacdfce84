using System.Diagnostics;
using System.Text.Json.Nodes;
using Maas.Engine.Agents.Kinds;
using Maas.Engine.AI.Offline;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace Maas.Tests.Engine.AI.Offline;

/// <summary>Behaviour of the deterministic offline chat client.</summary>
public sealed class OfflineChatClientTests
{
    private const string Instructions = "You are the MAAS engine agent. Answer with the task's output_data as JSON.";

    private static readonly TiktokenTokenizer Tokenizer = TiktokenTokenizer.CreateForModel("gpt-4o");

    /// <summary>The seed answer must match what the engine's reference data expects, byte for byte.</summary>
    [Fact]
    public async Task Writes_the_seed_hello_world_for_python()
    {
        var output = await AskAsync("code_generation", new JsonObject { ["description"] = "Write a hello world program" });

        Assert.Equal(["code", "language", "file_name", "explanation", "dependencies", "test_cases"], Keys(output));
        Assert.Equal("print('Hello, World!')", (string?)output["code"]);
        Assert.Equal("python", (string?)output["language"]);
        Assert.Equal("hello_world.py", (string?)output["file_name"]);
        Assert.Equal("A simple Python program that prints 'Hello, World!' to the console.", (string?)output["explanation"]);
        Assert.Empty(output["dependencies"]!.AsArray());
        var testCase = Assert.Single(output["test_cases"]!.AsArray())!.AsObject();
        Assert.Equal(string.Empty, (string?)testCase["input"]);
        Assert.Equal("Hello, World!", (string?)testCase["expected_output"]);
    }

    /// <summary>Each language gets its conventional file name and display name.</summary>
    [Theory]
    [InlineData("python", "python", "hello_world.py", "Python")]
    [InlineData("javascript", "javascript", "hello_world.js", "JavaScript")]
    [InlineData("typescript", "typescript", "hello_world.ts", "TypeScript")]
    [InlineData("java", "java", "Main.java", "Java")]
    [InlineData("csharp", "csharp", "Program.cs", "C#")]
    [InlineData("C#", "csharp", "Program.cs", "C#")]
    [InlineData("go", "go", "main.go", "Go")]
    [InlineData("rust", "rust", "main.rs", "Rust")]
    [InlineData("ruby", "ruby", "hello_world.rb", "Ruby")]
    [InlineData("bash", "bash", "hello_world.sh", "Bash")]
    [InlineData("shell", "bash", "hello_world.sh", "Bash")]
    [InlineData("c", "c", "hello_world.c", "C")]
    [InlineData("cpp", "cpp", "hello_world.cpp", "C++")]
    [InlineData("c++", "cpp", "hello_world.cpp", "C++")]
    [InlineData("php", "php", "hello_world.php", "PHP")]
    [InlineData("kotlin", "kotlin", "Main.kt", "Kotlin")]
    [InlineData("swift", "swift", "main.swift", "Swift")]
    public async Task Writes_hello_world_for_each_supported_language(string requested, string language, string fileName, string displayName)
    {
        var output = await AskAsync(
            "code_generation",
            new JsonObject { ["description"] = "Print HELLO WORLD please", ["language"] = requested });

        Assert.Equal(fileName, (string?)output["file_name"]);
        Assert.Equal(language, (string?)output["language"]);
        Assert.Contains("Hello, World!", (string?)output["code"], StringComparison.Ordinal);
        Assert.Equal($"A simple {displayName} program that prints 'Hello, World!' to the console.", (string?)output["explanation"]);
        Assert.Empty(output["dependencies"]!.AsArray());
    }

    /// <summary>Java refuses to compile a public class whose name differs from its file.</summary>
    [Fact]
    public async Task Names_the_java_hello_world_class_after_its_file()
    {
        var output = await AskAsync("code_generation", new JsonObject { ["description"] = "hello world", ["language"] = "java" });

        Assert.Contains("public class Main", (string?)output["code"], StringComparison.Ordinal);
    }

    /// <summary>Descriptions that are not hello world get a slugged starter that carries the description.</summary>
    [Fact]
    public async Task Writes_a_slugged_python_starter_for_other_descriptions()
    {
        var output = await AskAsync(
            "code_generation",
            new JsonObject
            {
                ["description"] = "Create a REST API endpoint",
                ["framework"] = "flask",
                ["requirements"] = new JsonArray("Return JSON", 42),
            });

        var code = (string?)output["code"];
        Assert.Equal("create_a_rest_api_endpoint.py", (string?)output["file_name"]);
        Assert.Equal("python", (string?)output["language"]);
        Assert.StartsWith("\"\"\"Create a REST API endpoint\n", code, StringComparison.Ordinal);
        Assert.Contains("def main() -> None:", code, StringComparison.Ordinal);
        Assert.Contains("print(\"TODO: Create a REST API endpoint\")", code, StringComparison.Ordinal);
        Assert.Contains("Requirement: Return JSON", code, StringComparison.Ordinal);
        Assert.StartsWith("Offline placeholder:", (string?)output["explanation"], StringComparison.Ordinal);
        Assert.Equal("flask", (string?)Assert.Single(output["dependencies"]!.AsArray()));
    }

    /// <summary>Languages that tie a class to its file get a PascalCase name used for both.</summary>
    [Theory]
    [InlineData("java", "CreateARestApiEndpoint.java", "public class CreateARestApiEndpoint {")]
    [InlineData("csharp", "CreateARestApiEndpoint.cs", "public static class CreateARestApiEndpoint")]
    [InlineData("go", "create_a_rest_api_endpoint.go", "\tfmt.Println(\"TODO: Create a REST API endpoint\")")]
    [InlineData("rust", "create_a_rest_api_endpoint.rs", "println!(\"TODO: Create a REST API endpoint\");")]
    [InlineData("bash", "create_a_rest_api_endpoint.sh", "echo \"TODO: Create a REST API endpoint\"")]
    public async Task Names_starter_files_by_language_convention(string language, string fileName, string expectedLine)
    {
        var output = await AskAsync(
            "code_generation",
            new JsonObject { ["description"] = "Create a REST API endpoint", ["language"] = language });

        Assert.Equal(fileName, (string?)output["file_name"]);
        Assert.Contains(expectedLine, (string?)output["code"], StringComparison.Ordinal);
        Assert.Contains("Create a REST API endpoint", (string?)output["code"], StringComparison.Ordinal);
    }

    /// <summary>Quotes and braces would break string literals, and long slugs make unwieldy file names.</summary>
    [Fact]
    public async Task Keeps_starter_code_safe_and_file_names_short()
    {
        var description = "Build a \"quoted\" {templated} parser that reads $HOME and */ comments for a very long time";
        var output = await AskAsync("code_generation", new JsonObject { ["description"] = description, ["language"] = "c" });

        var code = (string?)output["code"];
        var fileName = (string?)output["file_name"];
        Assert.Contains("puts(\"TODO: Build a quoted templated parser that reads HOME and / comments for a very long time\");", code, StringComparison.Ordinal);
        Assert.DoesNotContain("*/", code, StringComparison.Ordinal);
        Assert.EndsWith(".c", fileName, StringComparison.Ordinal);
        Assert.InRange(fileName!.Length, 3, 42);
        Assert.Equal("build_a_quoted_templated_parser_that.c", fileName);
    }

    /// <summary>An unknown language still gets an answer, echoing the language it asked for.</summary>
    [Fact]
    public async Task Falls_back_to_a_plain_text_outline_for_unknown_languages()
    {
        var output = await AskAsync("code_generation", new JsonObject { ["description"] = "Sort a file", ["language"] = "COBOL" });

        Assert.Equal("COBOL", (string?)output["language"]);
        Assert.Equal("sort_a_file.txt", (string?)output["file_name"]);
        Assert.Contains("Sort a file", (string?)output["code"], StringComparison.Ordinal);
        Assert.StartsWith("Offline placeholder:", (string?)output["explanation"], StringComparison.Ordinal);
    }

    /// <summary>Identical requests must give identical answers so runs can be compared.</summary>
    [Fact]
    public async Task Answers_the_same_input_identically()
    {
        var messages = Messages(Task("code_generation", new JsonObject { ["description"] = "Parse CSV", ["language"] = "rust" }));

        var first = await new OfflineChatClient().GetResponseAsync(messages);
        var second = await new OfflineChatClient().GetResponseAsync(messages);

        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.ResponseId, second.ResponseId);
        Assert.Matches("^offline-[0-9a-f]{16}$", first.ResponseId);
    }

    /// <summary>Different tasks must not collide on one response id.</summary>
    [Fact]
    public async Task Gives_different_tasks_different_response_ids()
    {
        var client = new OfflineChatClient();

        var first = await client.GetResponseAsync(Messages(Task("research", new JsonObject { ["topic"] = "a" })));
        var second = await client.GetResponseAsync(Messages(Task("research", new JsonObject { ["topic"] = "b" })));

        Assert.NotEqual(first.ResponseId, second.ResponseId);
    }

    /// <summary>Usage is o200k_base's count of every message, input and output apart.</summary>
    [Fact]
    public async Task Counts_usage_with_the_o200k_tokenizer_over_all_messages_and_the_output()
    {
        var user = Task("research", new JsonObject { ["topic"] = "Ünïcödé" });
        var response = await new OfflineChatClient().GetResponseAsync(Messages(user));

        var usage = response.Usage!;
        Assert.Equal(Estimate(Instructions) + Estimate(user), usage.InputTokenCount);
        Assert.Equal(Estimate(response.Text), usage.OutputTokenCount);
        Assert.True(usage.InputTokenCount > 0);
        Assert.True(usage.OutputTokenCount > 0);
        Assert.Equal(usage.InputTokenCount + usage.OutputTokenCount, usage.TotalTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    /// <summary>Benchmarks rely on input usage rising with prompt size.</summary>
    [Fact]
    public async Task Counts_more_input_tokens_for_longer_input()
    {
        var client = new OfflineChatClient();

        var small = await client.GetResponseAsync(Messages(Task("research", new JsonObject { ["topic"] = "x" })));
        var large = await client.GetResponseAsync(Messages(Task("research", new JsonObject { ["topic"] = new string('x', 400) })));

        Assert.True(large.Usage!.InputTokenCount > small.Usage!.InputTokenCount + 40);
    }

    /// <summary>The client must never pose as a real model, even when asked for one.</summary>
    [Fact]
    public async Task Reports_the_offline_model_everywhere()
    {
        var client = new OfflineChatClient();

        var response = await client.GetResponseAsync(Messages(Task("research", [])), new ChatOptions { ModelId = "gpt-4o" });
        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal("offline", response.ModelId);
        Assert.NotNull(metadata);
        Assert.Equal("offline", metadata.ProviderName);
        Assert.Equal("offline", metadata.DefaultModelId);
        Assert.Null(metadata.ProviderUri);
        Assert.Same(client, client.GetService<OfflineChatClient>());
        Assert.Null(client.GetService(typeof(ChatClientMetadata), "some-key"));
    }

    /// <summary>CreatedAt must come from the injected clock so tests and replays are reproducible.</summary>
    [Fact]
    public async Task Stamps_responses_with_the_injected_clock()
    {
        var now = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var client = new OfflineChatClient(timeProvider: new FixedTimeProvider(now));

        var response = await client.GetResponseAsync(Messages(Task("research", [])));

        Assert.Equal(now, response.CreatedAt);
    }

    /// <summary>A simulated slow model must still stop promptly when the caller gives up.</summary>
    [Fact]
    public async Task Stops_waiting_when_cancelled_during_the_delay()
    {
        var client = new OfflineChatClient(TimeSpan.FromSeconds(10));
        using var cancellation = new CancellationTokenSource();
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(50));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.GetResponseAsync(Messages(Task("research", [])), cancellationToken: cancellation.Token));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"Cancellation took {stopwatch.Elapsed}.");
    }

    /// <summary>Streaming cancellation must be honoured the same way.</summary>
    [Fact]
    public async Task Stops_streaming_when_cancelled_during_the_delay()
    {
        var client = new OfflineChatClient(TimeSpan.FromSeconds(10));
        using var cancellation = new CancellationTokenSource();
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(50));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Messages(Task("research", [])), cancellationToken: cancellation.Token))
            {
                Assert.Fail($"Unexpected update before the delay ended: {update.Text}");
            }
        });

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"Cancellation took {stopwatch.Elapsed}.");
    }

    /// <summary>Streaming consumers must see exactly what non-streaming consumers see, plus usage.</summary>
    [Fact]
    public async Task Streams_the_same_text_in_chunks_followed_by_usage()
    {
        var client = new OfflineChatClient();
        var messages = Messages(Task("code_generation", new JsonObject { ["description"] = "hello world" }));

        var response = await client.GetResponseAsync(messages);
        List<ChatResponseUpdate> updates = [];
        await foreach (var update in client.GetStreamingResponseAsync(messages))
        {
            updates.Add(update);
        }

        Assert.True(updates.Count > 2);
        Assert.Equal(response.Text, string.Concat(updates.Select(update => update.Text)));
        Assert.All(updates, update => Assert.Equal(ChatRole.Assistant, update.Role));
        Assert.All(updates, update => Assert.Equal("offline", update.ModelId));
        var usage = Assert.IsType<UsageContent>(Assert.Single(updates[^1].Contents)).Details;
        Assert.Equal(response.Usage!.InputTokenCount, usage.InputTokenCount);
        Assert.Equal(response.Usage.OutputTokenCount, usage.OutputTokenCount);
        Assert.Equal(response.Usage.TotalTokenCount, usage.TotalTokenCount);
        var combined = updates.ToChatResponse();
        Assert.Equal(response.Text, combined.Text);
        Assert.Equal(response.Usage.TotalTokenCount, combined.Usage?.TotalTokenCount);
    }

    /// <summary>Research output must admit it is offline and say what it was asked about.</summary>
    [Fact]
    public async Task Answers_research_with_an_honest_offline_summary()
    {
        var output = await AskAsync("research", new JsonObject { ["query"] = "vector databases" });

        Assert.Equal(["summary", "findings", "sources", "confidence"], Keys(output));
        Assert.Equal(0, (double)output["confidence"]!);
        var summary = (string?)output["summary"];
        Assert.Contains("Offline", summary, StringComparison.Ordinal);
        Assert.Contains("\"vector databases\"", summary, StringComparison.Ordinal);
        Assert.NotEmpty(output["findings"]!.AsArray());
        Assert.Empty(output["sources"]!.AsArray());
    }

    /// <summary>Documentation output is Markdown headed by the requested title.</summary>
    [Fact]
    public async Task Answers_documentation_with_markdown_titled_by_the_input()
    {
        var output = await AskAsync("documentation", new JsonObject { ["title"] = "Engine API", ["description"] = "How agents call the engine." });

        Assert.Equal(["content", "format", "sections"], Keys(output));
        Assert.Equal(["Overview", "Usage"], output["sections"]!.AsArray().Select(s => (string)s!));
        Assert.StartsWith("# Engine API\n\n", (string?)output["content"], StringComparison.Ordinal);
        Assert.Contains("How agents call the engine.", (string?)output["content"], StringComparison.Ordinal);
        Assert.Equal("markdown", (string?)output["format"]);
    }

    /// <summary>Testing output defaults to pytest and gives runnable Python.</summary>
    [Fact]
    public async Task Answers_testing_with_a_pytest_suite_by_default()
    {
        var output = await AskAsync("testing", new JsonObject { ["code"] = "def add(a, b): return a + b", ["description"] = "add" });

        Assert.Equal(["test_code", "framework", "language", "file_name", "test_cases", "run_command"], Keys(output));
        Assert.Equal("pytest", (string?)output["framework"]);
        Assert.Equal("python", (string?)output["language"]);
        Assert.Equal("pytest test_placeholder.py", (string?)output["run_command"]);
        Assert.Contains("def test_placeholder() -> None:", (string?)output["test_code"], StringComparison.Ordinal);
        Assert.NotEmpty(output["test_cases"]!.AsArray());
    }

    /// <summary>A requested test framework is echoed instead of being replaced by pytest.</summary>
    [Fact]
    public async Task Echoes_a_requested_test_framework()
    {
        var output = await AskAsync("testing", new JsonObject { ["framework"] = "jest", ["description"] = "sum" });

        Assert.Equal("jest", (string?)output["framework"]);
        Assert.Contains("jest", (string?)output["test_code"], StringComparison.Ordinal);
    }

    /// <summary>Unknown task types get a result that says offline and names the task type.</summary>
    [Fact]
    public async Task Answers_unknown_task_types_with_an_offline_result()
    {
        var output = await AskAsync("translation", new JsonObject { ["text"] = "hola" });

        var result = (string?)Assert.Single(output).Value;
        Assert.Equal("result", Assert.Single(Keys(output)));
        Assert.Contains("Offline", result, StringComparison.Ordinal);
        Assert.Contains("'translation'", result, StringComparison.Ordinal);
    }

    /// <summary>Free text and malformed JSON must be answered, not thrown at the agent.</summary>
    [Theory]
    [InlineData("Please write me a poem.")]
    [InlineData("{\"task_type\": \"research\"")]
    [InlineData("{\"task_type\": \"research\", \"task_type\": \"testing\"}")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"task_type\": 7, \"input_data\": \"nope\"}")]
    public async Task Answers_non_task_text_with_a_result(string userText)
    {
        var response = await new OfflineChatClient().GetResponseAsync(
            [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, userText)]);

        var output = JsonNode.Parse(response.Text)!.AsObject();
        Assert.Equal("result", Assert.Single(Keys(output)));
        Assert.Contains("'unknown'", (string?)output["result"], StringComparison.Ordinal);
    }

    /// <summary>Without a User message there is no task, which is a caller bug worth surfacing.</summary>
    [Fact]
    public async Task Rejects_conversations_without_a_user_message()
    {
        var client = new OfflineChatClient();
        ChatMessage[] messages = [new ChatMessage(ChatRole.System, Instructions)];

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync(messages));
        Assert.Throws<ArgumentException>(() => client.GetStreamingResponseAsync(messages));
    }

    /// <summary>The offline answers go through the same validation as a model's, so each must pass it as it stands.</summary>
    [Theory]
    [InlineData("code_generation", """{"description":"Write a hello world program","language":"python"}""")]
    [InlineData("code_generation", """{"description":"Parse CSV","language":"C#"}""")]
    [InlineData("code_generation", """{"description":"Sort a file","language":"COBOL"}""")]
    [InlineData("research", """{"query":"vector databases"}""")]
    [InlineData("testing", """{"description":"add","code":"def add(a, b): return a + b"}""")]
    [InlineData("testing", """{"description":"sum","framework":"jest","language":"javascript"}""")]
    [InlineData("documentation", """{"description":"How agents call the engine.","title":"Engine API"}""")]
    public async Task Answers_every_kind_with_output_its_kind_accepts(string taskType, string input)
    {
        var inputData = JsonNode.Parse(input)!.AsObject();
        var response = await new OfflineChatClient().GetResponseAsync(Messages(Task(taskType, inputData)));

        var check = TaskKinds.Find(taskType)!.ReadOutput(response.Text, inputData);

        Assert.True(check.IsValid, string.Join(" ", check.Errors));
        Assert.Equal(response.Text, check.OutputJson);
    }

    private static async Task<JsonObject> AskAsync(string taskType, JsonObject inputData)
    {
        var response = await new OfflineChatClient().GetResponseAsync(Messages(Task(taskType, inputData)));
        var message = Assert.Single(response.Messages);
        Assert.Equal(ChatRole.Assistant, message.Role);
        return JsonNode.Parse(message.Text)!.AsObject();
    }

    private static string Task(string taskType, JsonObject inputData) =>
        new JsonObject { ["task_type"] = taskType, ["input_data"] = inputData }.ToJsonString();

    private static ChatMessage[] Messages(string userText) =>
        [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, userText)];

    private static string[] Keys(JsonObject output) => [.. output.Select(property => property.Key)];

    private static long Estimate(string text) => Tokenizer.CountTokens(text);
}
