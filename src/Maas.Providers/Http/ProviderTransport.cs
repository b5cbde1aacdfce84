using System.Net;
using Maas.Engine.Agents.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Maas.Providers.Http;

/// <summary>
/// One named <see cref="HttpClient"/> per provider, and the only transport retry the engine has: the SDKs' own retries
/// are off, so a failing call is retried exactly as configured here (429 and 5xx, honouring <c>Retry-After</c>), with a
/// circuit breaker per provider. There is no timeout here: a call lasts until the task's deadline cancels it, so a
/// long generation is never cut short by a transport default.
/// </summary>
internal static class ProviderTransport
{
    public static string ClientName(string provider) => $"maas-provider-{provider}";

    public static void AddProviderHttpClient(this IServiceCollection services, string provider, Func<ProviderOptions, (string? Model, string? Secret)> identity)
    {
        services.AddHttpClient(ClientName(provider), client => client.Timeout = Timeout.InfiniteTimeSpan)
            // The SDK clients hold their HttpClient for the life of the process: connections are recycled instead, so DNS changes are seen.
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // The factory's loggers print request URLs, which may carry credentials; the chat pipeline logs calls instead.
            .RemoveAllLoggers()
            .AddHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<ProviderOptions>>().Value;
                var (model, secret) = identity(options);
                return new ProviderFailureHandler(provider, model, secret, TimeSpan.FromSeconds(options.CircuitBreakSeconds), sp.GetRequiredService<TimeProvider>());
            })
            .AddResilienceHandler($"{provider}-transport", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<ProviderOptions>>().Value;
                if (options.RetryAttempts > 0)
                {
                    pipeline.AddRetry(Retry(options));
                }

                pipeline.AddCircuitBreaker(CircuitBreaker(options, provider, context.ServiceProvider.GetService<AgentHealth>()));
            });
    }

    private static HttpRetryStrategyOptions Retry(ProviderOptions options)
    {
        var longestWait = TimeSpan.FromSeconds(options.RetryAfterMaxSeconds);
        return new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.RetryAttempts,
            Delay = TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                // A wait longer than the transport may afford goes back to the saga with the provider's delay.
                { Result: { } response } => IsTransient(response.StatusCode) && !(RetryAfterHeader.Read(response, TimeProvider.System) > longestWait),
                { Exception: HttpRequestException } => true,
                _ => false,
            }),
        };
    }

    // The circuit's state is part of its agents' health (when the engine keeps health: provider-only hosts do not).
    private static HttpCircuitBreakerStrategyOptions CircuitBreaker(ProviderOptions options, string provider, AgentHealth? health) => new()
    {
        OnOpened = args =>
        {
            health?.CircuitOpened(provider, args.BreakDuration);
            return ValueTask.CompletedTask;
        },
        OnClosed = _ =>
        {
            health?.CircuitClosed(provider);
            return ValueTask.CompletedTask;
        },
        FailureRatio = options.CircuitFailureRatio,
        MinimumThroughput = options.CircuitMinimumCalls,
        SamplingDuration = TimeSpan.FromSeconds(options.CircuitSamplingSeconds),
        BreakDuration = TimeSpan.FromSeconds(options.CircuitBreakSeconds),
        // A rate limit is the provider working as agreed, not an outage: it does not count towards opening the circuit.
        ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
        {
            { Result: { } response } => IsOutage(response.StatusCode),
            { Exception: HttpRequestException } => true,
            _ => false,
        }),
    };

    private static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || IsOutage(status);

    private static bool IsOutage(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.RequestTimeout;
}
