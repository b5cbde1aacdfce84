using Maas.Contracts.Configuration;
using Maas.RedisBridge.Inbound;
using Maas.RedisBridge.Outbound;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Maas.RedisBridge;

public static class RedisBridgeRegistration
{
    /// <summary>
    /// The Redis side of the engine: one multiplexer, the inbound subscriber, the publisher, the health check, and the
    /// status channels (<see cref="StatusChannels"/> out, <see cref="HealthCheckRequests"/> in) for whoever reports the engine's state.
    /// </summary>
    public static IHostApplicationBuilder AddRedisBridge(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<RedisBridgeOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisBridgeOptions>, RedisBridgeOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        // One multiplexer per process, as StackExchange.Redis intends; it reconnects and resubscribes by itself.
        services.AddSingleton<IConnectionMultiplexer>(sp =>
            ConnectionMultiplexer.Connect(RedisUrl.Parse(sp.GetRequiredService<IOptions<RedisBridgeOptions>>().Value.RedisUrl)));
        services.AddSingleton<RedisPublisher>();
        services.AddSingleton<DeadLetters>();
        services.AddSingleton<CancelMemory>();
        services.AddSingleton<SagaHandOver>();
        services.AddSingleton<InboundSubscriber>();
        services.AddHostedService(sp => sp.GetRequiredService<InboundSubscriber>());
        services.AddSingleton(sp => new StatusChannels(sp.GetRequiredService<RedisPublisher>(),
            sp.GetRequiredService<IOptions<RedisBridgeOptions>>(), sp.GetRequiredService<ILogger<StatusChannels>>()));
        services.AddSingleton<HealthCheckRequests>();
        services.AddHostedService<HealthCheckSubscriber>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
        services.AddSingleton<IStartupDependency, RedisStartupProbe>();
        return builder;
    }

    /// <summary>The bridge's consumers of saga events, added to the engine's mediator.</summary>
    public static IMediatorRegistrationConfigurator AddRedisBridgeConsumers(this IMediatorRegistrationConfigurator mediator)
    {
        ArgumentNullException.ThrowIfNull(mediator);
        mediator.AddConsumer<OutboundConsumer>();
        return mediator;
    }
}
