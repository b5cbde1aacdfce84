using Maas.Engine.AI;
using Maas.Tests.Infrastructure.Providers;
using Microsoft.Extensions.AI;

namespace Maas.Tests.Providers.Anthropic;

public sealed class AnthropicProviderTests : IAsyncLifetime
{
    private AnthropicServer _server = null!;

    public async Task InitializeAsync() => _server = await AnthropicServer.Start(maxTokens: 2048);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Sends_the_key_the_model_max_tokens_and_the_schema_and_returns_the_answer_with_its_true_usage_and_model()
    {
        _server.Script(new ScriptedReply.Answer("""{"summary":"s"}""", 88, 21, Model: "claude-sonnet-4-5-20250929"));
        await using var host = await ProviderHost.Start(_server.Settings());

        var response = await host.ChatClient.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You are a researcher."), new ChatMessage(ChatRole.User, "Summarise")],
            new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(ProviderSchemas.Summary, "research_output") });

        Assert.Empty(_server.Violations);
        Assert.Equal("""{"summary":"s"}""", response.Text);
        Assert.Equal((88L, 21L), (response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount));
        Assert.Equal("claude-sonnet-4-5-20250929", response.ModelId);
        var request = Assert.Single(_server.Requests).Body!;
        Assert.Equal(2048, request["max_tokens"]!.GetValue<int>());
        Assert.Equal("object", request["output_config"]!["format"]!["schema"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sends_a_default_max_tokens_when_none_is_configured()
    {
        await using var server = await AnthropicServer.Start(maxTokens: 4096);
        server.Script(new ScriptedReply.Answer("{}", 1, 1));
        var settings = server.Settings();
        settings.Remove("ANTHROPIC_MAX_TOKENS");
        await using var host = await ProviderHost.Start(settings);

        await host.ChatClient.GetResponseAsync("hello");

        Assert.Empty(server.Violations);
    }

    [Fact]
    public async Task Streams_the_answer_and_its_usage()
    {
        _server.Script(new ScriptedReply.Answer("""{"content":"# Title"}""", 40, 12));
        await using var host = await ProviderHost.Start(_server.Settings());

        var response = await host.ChatClient.GetStreamingResponseAsync("Document").ToChatResponseAsync();

        Assert.Empty(_server.Violations);
        Assert.Equal("""{"content":"# Title"}""", response.Text);
        Assert.Equal(40, response.Usage?.InputTokenCount);
        Assert.Equal(12, response.Usage?.OutputTokenCount);
    }

    public static TheoryData<string, ProviderFailureKind, int> Refusals => new()
    {
        { "401", ProviderFailureKind.Authentication, 1 },
        { "404", ProviderFailureKind.ModelNotFound, 1 },
        { "400", ProviderFailureKind.InputRejected, 1 },
        { "429", ProviderFailureKind.RateLimited, 2 },
        { "529", ProviderFailureKind.Unavailable, 2 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Classifies_each_refusal_after_at_most_one_transport_retry(string status, ProviderFailureKind kind, int requests)
    {
        var reply = status switch
        {
            "401" => AnthropicServer.Unauthorized(),
            "404" => AnthropicServer.ModelNotFound(_server.Model),
            "400" => AnthropicServer.ContextTooLong(),
            "429" => AnthropicServer.RateLimited(TimeSpan.FromSeconds(1)),
            _ => AnthropicServer.Overloaded(),
        };
        _server.Script(reply, reply);
        await using var host = await ProviderHost.Start(_server.Settings());

        var failure = await Assert.ThrowsAsync<ProviderException>(() => host.ChatClient.GetResponseAsync("hello"));

        Assert.Equal((kind, "anthropic", "claude-sonnet-4-5"), (failure.Kind, failure.Provider, failure.Model));
        Assert.Equal(requests, _server.Requests.Count);
        Assert.DoesNotContain(_server.ApiKey, failure.ToString(), StringComparison.Ordinal);
        if (kind == ProviderFailureKind.RateLimited)
        {
            Assert.Equal(TimeSpan.FromSeconds(1), failure.RetryAfter);
        }
    }
}
