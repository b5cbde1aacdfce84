using System.Text.Json.Nodes;
using Maas.Engine.AI;
using Maas.Tests.Infrastructure.Providers;
using Microsoft.Extensions.AI;

namespace Maas.Tests.Providers.OpenAI;

public sealed class OpenAIProviderTests : IAsyncLifetime
{
    private OpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await OpenAIServer.Start();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Sends_the_model_the_key_and_the_json_schema_and_returns_the_answer_with_its_true_usage_and_model()
    {
        _server.Script(new ScriptedReply.Answer("""{"summary":"s"}""", 123, 45, Model: "gpt-4o-mini-2024-07-18"));
        await using var host = await ProviderHost.Start(_server.Settings());

        var response = await host.ChatClient.GetResponseAsync("Summarise", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema, "research_output") });

        Assert.Empty(_server.Violations);
        Assert.Equal("""{"summary":"s"}""", response.Text);
        Assert.Equal(123, response.Usage?.InputTokenCount);
        Assert.Equal(45, response.Usage?.OutputTokenCount);
        Assert.Equal("gpt-4o-mini-2024-07-18", response.ModelId);
        var format = Assert.Single(_server.Requests).Body!["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        Assert.Equal("object", format["json_schema"]!["schema"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Streams_the_answer_and_its_usage_from_server_sent_events()
    {
        _server.Script(new ScriptedReply.Answer("""{"content":"# Title"}""", 30, 7));
        await using var host = await ProviderHost.Start(_server.Settings());

        var response = await host.ChatClient.GetStreamingResponseAsync("Document", new ChatOptions { ResponseFormat = ChatResponseFormat.Json }).ToChatResponseAsync();

        Assert.Empty(_server.Violations);
        Assert.Equal("""{"content":"# Title"}""", response.Text);
        Assert.Equal(30, response.Usage?.InputTokenCount);
        Assert.Equal(7, response.Usage?.OutputTokenCount);
        Assert.Equal("gpt-4o-mini", response.ModelId);
        Assert.Equal("json_object", Assert.Single(_server.Requests).Body!["response_format"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refused_credentials_are_an_authentication_failure_that_is_not_retried()
    {
        _server.Script(OpenAIServer.Unauthorized());
        await using var host = await ProviderHost.Start(_server.Settings());

        var failure = await Assert.ThrowsAsync<ProviderException>(() => host.ChatClient.GetResponseAsync("hello"));

        Assert.Equal(ProviderFailureKind.Authentication, failure.Kind);
        Assert.Equal(401, failure.StatusCode);
        Assert.Equal("openai", failure.Provider);
        Assert.Single(_server.Requests);
        Assert.DoesNotContain("sk-test-secret-key", failure.ToString(), StringComparison.Ordinal);
    }

    private static readonly System.Text.Json.JsonElement Schema = System.Text.Json.JsonDocument.Parse(
        new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["summary"] = new JsonObject { ["type"] = "string" } }, ["required"] = new JsonArray("summary"), ["additionalProperties"] = false }.ToJsonString()).RootElement;
}
