using Maas.Engine.Agents.Health;
using Maas.Engine.AI;
using Maas.Tests.Infrastructure.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Maas.Tests.Providers.Http;

/// <summary>The one transport retry, the circuit breaker and the deadline, seen on the wire of a scripted provider.</summary>
public sealed class ProviderTransportTests : IAsyncLifetime
{
    private OpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await OpenAIServer.Start();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Retries_a_rate_limit_once_after_its_retry_after_and_returns_the_answer()
    {
        _server.Script(OpenAIServer.RateLimited(TimeSpan.FromSeconds(1)), new ScriptedReply.Answer("{}", 10, 2));
        await using var host = await ProviderHost.Start(_server.Settings());
        var started = TimeProvider.System.GetTimestamp();

        var response = await host.ChatClient.GetResponseAsync("hello");

        Assert.Equal(12, response.Usage?.TotalTokenCount);
        Assert.Equal(2, _server.Requests.Count);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.9), "the retry waited for Retry-After");
    }

    [Fact]
    public async Task Retries_a_server_error_once_and_returns_the_answer()
    {
        _server.Script(OpenAIServer.ServerError(502), new ScriptedReply.Answer("{}", 10, 2));
        await using var host = await ProviderHost.Start(_server.Settings());

        var response = await host.ChatClient.GetResponseAsync("hello");

        Assert.Equal("{}", response.Text);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Leaves_a_long_retry_after_to_the_saga_without_waiting()
    {
        _server.Script(OpenAIServer.RateLimited(TimeSpan.FromSeconds(120)));
        await using var host = await ProviderHost.Start(_server.Settings());

        var failure = await Assert.ThrowsAsync<ProviderException>(() => host.ChatClient.GetResponseAsync("hello"));

        Assert.Equal((ProviderFailureKind.RateLimited, TimeSpan.FromSeconds(120)), (failure.Kind, failure.RetryAfter));
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Opens_the_circuit_after_repeated_server_errors_and_stops_calling_the_provider()
    {
        _server.Fallback = OpenAIServer.ServerError(500);
        await using var host = await ProviderHost.Start(_server.Settings());

        ProviderException? open = null;
        for (var call = 0; call < 10 && open is null; call++)
        {
            var failure = await Assert.ThrowsAsync<ProviderException>(() => host.ChatClient.GetResponseAsync("hello"));
            Assert.Equal(ProviderFailureKind.Unavailable, failure.Kind);
            open = failure.StatusCode is null ? failure : null;
        }

        Assert.NotNull(open);
        Assert.Contains("circuit is open", open.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(30), open.RetryAfter);
        var seen = _server.Requests.Count;
        await Assert.ThrowsAsync<ProviderException>(() => host.ChatClient.GetResponseAsync("hello"));
        Assert.Equal(seen, _server.Requests.Count);
    }

    [Fact]
    public async Task An_open_circuit_makes_the_providers_agents_unhealthy_for_its_break()
    {
        _server.Fallback = OpenAIServer.ServerError(500);
        var health = new AgentHealth(TimeProvider.System, TimeSpan.FromSeconds(30));
        await using var host = await ProviderHost.Start(_server.Settings(), services: s => s.AddSingleton(health));
        const string Endpoint = "openai elsewhere";

        for (var call = 0; call < 10 && health.Problem(Endpoint, "openai") is null; call++)
        {
            await Assert.ThrowsAsync<ProviderException>(() => host.ChatClient.GetResponseAsync("hello"));
        }

        Assert.Equal("openai's circuit is open after repeated failures", health.Problem(Endpoint, "openai"));
        Assert.Null(health.Problem("ollama elsewhere", "ollama"));
    }

    [Fact]
    public async Task An_unreachable_provider_is_unavailable()
    {
        var settings = _server.Settings();
        await _server.DisposeAsync();
        await using var host = await ProviderHost.Start(settings);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => host.ChatClient.GetResponseAsync("hello"));

        Assert.Equal(ProviderFailureKind.Unavailable, failure.Kind);
        Assert.Null(failure.StatusCode);
    }

    [Fact]
    public async Task A_call_lasts_until_the_callers_deadline_and_no_longer()
    {
        _server.Script(new ScriptedReply.Slow(TimeSpan.FromSeconds(30), new ScriptedReply.Answer("{}", 1, 1)));
        await using var host = await ProviderHost.Start(_server.Settings());
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.ChatClient.GetResponseAsync("hello", cancellationToken: deadline.Token));

        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_slow_answer_within_the_deadline_is_awaited()
    {
        _server.Script(new ScriptedReply.Slow(TimeSpan.FromSeconds(1.5), new ScriptedReply.Answer("{}", 1, 1)));
        await using var host = await ProviderHost.Start(_server.Settings());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var response = await host.ChatClient.GetResponseAsync("hello", cancellationToken: deadline.Token);

        Assert.Equal("{}", response.Text);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_stream_cut_after_it_started_is_unavailable_and_not_retried()
    {
        _server.Script(new ScriptedReply.CutMidAnswer());
        await using var host = await ProviderHost.Start(_server.Settings());

        var failure = await Assert.ThrowsAsync<ProviderException>(() => host.ChatClient.GetStreamingResponseAsync("hello").ToChatResponseAsync());

        Assert.Equal(ProviderFailureKind.Unavailable, failure.Kind);
        Assert.Single(_server.Requests);
    }
}
