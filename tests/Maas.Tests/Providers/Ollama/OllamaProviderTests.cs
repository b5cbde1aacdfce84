using Maas.Engine.AI;
using Maas.Tests.Infrastructure.Providers;
using Microsoft.Extensions.AI;

namespace Maas.Tests.Providers.Ollama;

public sealed class OllamaProviderTests : IAsyncLifetime
{
    private OllamaServer _server = null!;

    public async Task InitializeAsync() => _server = await OllamaServer.Start();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Sends_the_model_and_the_schema_as_format_and_returns_the_answer_with_its_true_usage_and_model()
    {
        _server.Script(new ScriptedReply.Answer("""{"summary":"s"}""", 61, 17, Model: "llama3.2:latest"));
        await using var host = await ProviderHost.Start(_server.Settings());

        var response = await host.ChatClient.GetResponseAsync("Summarise", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(ProviderSchemas.Summary, "research_output") });

        Assert.Empty(_server.Violations);
        Assert.Equal("""{"summary":"s"}""", response.Text);
        Assert.Equal((61L, 17L), (response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount));
        Assert.Equal("llama3.2:latest", response.ModelId);
        var request = Assert.Single(_server.Requests).Body!;
        Assert.Equal("object", request["format"]!["type"]!.GetValue<string>());
        Assert.False(request["stream"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Streams_the_answer_and_its_usage()
    {
        _server.Script(new ScriptedReply.Answer("""{"content":"# Title"}""", 20, 9));
        await using var host = await ProviderHost.Start(_server.Settings());

        var response = await host.ChatClient.GetStreamingResponseAsync("Document", new ChatOptions { ResponseFormat = ChatResponseFormat.Json }).ToChatResponseAsync();

        Assert.Empty(_server.Violations);
        Assert.Equal("""{"content":"# Title"}""", response.Text);
        Assert.Equal((20L, 9L), (response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount));
        Assert.Equal("json", Assert.Single(_server.Requests).Body!["format"]!.GetValue<string>());
    }

    public static TheoryData<string, ProviderFailureKind, int> Refusals => new()
    {
        { "401", ProviderFailureKind.Authentication, 1 },
        { "404", ProviderFailureKind.ModelNotFound, 1 },
        { "400", ProviderFailureKind.InputRejected, 1 },
        { "429", ProviderFailureKind.RateLimited, 2 },
        { "500", ProviderFailureKind.Unavailable, 2 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Classifies_each_refusal_after_at_most_one_transport_retry(string status, ProviderFailureKind kind, int requests)
    {
        var reply = status switch
        {
            "401" => OllamaServer.Unauthorized(),
            "404" => OllamaServer.ModelNotFound(_server.Model),
            "400" => OllamaServer.ContextTooLong(),
            "429" => OllamaServer.RateLimited(TimeSpan.FromSeconds(1)),
            _ => OllamaServer.ServerError(),
        };
        _server.Script(reply, reply);
        await using var host = await ProviderHost.Start(_server.Settings());

        var failure = await Assert.ThrowsAsync<ProviderException>(() => host.ChatClient.GetResponseAsync("hello"));

        Assert.Equal((kind, "ollama", "llama3.2"), (failure.Kind, failure.Provider, failure.Model));
        Assert.Equal(requests, _server.Requests.Count);
        if (kind == ProviderFailureKind.RateLimited)
        {
            Assert.Equal(TimeSpan.FromSeconds(1), failure.RetryAfter);
        }
    }
}
