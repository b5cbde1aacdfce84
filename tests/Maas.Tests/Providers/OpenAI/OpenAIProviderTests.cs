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

        var response = await host.ChatClient.GetResponseAsync("Summarise", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(ProviderSchemas.Summary, "research_output") });

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

    [Fact]
    public async Task A_missing_model_is_model_not_found_naming_the_model()
    {
        _server.Script(OpenAIServer.ModelNotFound("gpt-4o-mini"));
        await using var host = await ProviderHost.Start(_server.Settings());

        var failure = await Assert.ThrowsAsync<ProviderException>(() => host.ChatClient.GetResponseAsync("hello"));

        Assert.Equal((ProviderFailureKind.ModelNotFound, 404, "gpt-4o-mini"), (failure.Kind, failure.StatusCode, failure.Model));
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_context_too_long_is_input_rejected_and_not_retried()
    {
        _server.Script(OpenAIServer.ContextTooLong());
        await using var host = await ProviderHost.Start(_server.Settings());

        var failure = await Assert.ThrowsAsync<ProviderException>(() => host.ChatClient.GetResponseAsync("hello"));

        Assert.Equal(ProviderFailureKind.InputRejected, failure.Kind);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_rejected_json_schema_is_structured_output_rejected_so_a_simpler_form_can_be_tried()
    {
        _server.Script(OpenAIServer.JsonSchemaRejected());
        await using var host = await ProviderHost.Start(_server.Settings());

        var failure = await Assert.ThrowsAsync<ProviderException>(() =>
            host.ChatClient.GetResponseAsync("hello", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(ProviderSchemas.Summary, "research_output") }));

        Assert.Equal(ProviderFailureKind.StructuredOutputRejected, failure.Kind);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_rate_limit_that_outlasts_the_transport_retry_keeps_the_providers_retry_after()
    {
        _server.Script(OpenAIServer.RateLimited(TimeSpan.FromSeconds(1)), OpenAIServer.RateLimited(TimeSpan.FromSeconds(1)));
        await using var host = await ProviderHost.Start(_server.Settings());

        var failure = await Assert.ThrowsAsync<ProviderException>(() => host.ChatClient.GetResponseAsync("hello"));

        Assert.Equal((ProviderFailureKind.RateLimited, 429, TimeSpan.FromSeconds(1)), (failure.Kind, failure.StatusCode, failure.RetryAfter));
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Server_errors_that_outlast_the_transport_retry_are_unavailable()
    {
        _server.Script(OpenAIServer.ServerError(500), OpenAIServer.ServerError(503));
        await using var host = await ProviderHost.Start(_server.Settings());

        var failure = await Assert.ThrowsAsync<ProviderException>(() => host.ChatClient.GetResponseAsync("hello"));

        Assert.Equal((ProviderFailureKind.Unavailable, 503), (failure.Kind, failure.StatusCode));
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Takes_a_base_url_written_with_a_trailing_slash()
    {
        _server.Script(new ScriptedReply.Answer("{}", 2, 1));
        var settings = _server.Settings();
        settings["OPENAI_BASE_URL"] = _server.BaseUrl + "/";
        await using var host = await ProviderHost.Start(settings);

        await host.ChatClient.GetResponseAsync("hello");

        Assert.Empty(_server.Violations);
    }

    [Fact]
    public async Task Sends_no_key_to_a_local_server_that_asks_for_none()
    {
        await using var local = await OpenAIServer.Start("qwen2.5-coder", apiKey: null);
        local.Script(new ScriptedReply.Answer("{}", 3, 2));
        var settings = local.Settings();
        settings.Remove("OPENAI_API_KEY");
        await using var host = await ProviderHost.Start(settings);

        var response = await host.ChatClient.GetResponseAsync("hello");

        Assert.Empty(local.Violations);
        Assert.Null(Assert.Single(local.Requests).Header("Authorization"));
        Assert.Equal(5, response.Usage?.TotalTokenCount);
    }
}
