using Maas.Engine.Tasks;
using MassTransit.Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Maas.Tests.Infrastructure;

/// <summary>
/// The real engine, hosted in the test process with its own settings: the same <c>Program</c>, the same registrations,
/// real Redis and PostgreSQL. Several can run side by side (two instances of one engine, or a restart).
/// </summary>
public sealed class EngineApp : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    private readonly Action<IServiceCollection>? _services;

    private EngineApp(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        _settings = settings;
        _services = services;
    }

    public Channels Channels { get; private init; } = null!;

    public IMediator Mediator => Services.GetRequiredService<IMediator>();

    public TaskQueries Tasks => Services.GetRequiredService<TaskQueries>();

    /// <summary>
    /// Starts an engine and waits until it listens on its task channel (pub/sub drops what nobody hears). With
    /// <paramref name="kestrel"/> it serves on a real socket (a loopback port of its own) instead of the in-memory test
    /// server, for what only a real server does (Kestrel's limits) or what another process must reach (a browser);
    /// <paramref name="services"/> adds to its registrations (e.g. an in-memory span exporter).
    /// </summary>
    public static async Task<EngineApp> Start(TestDatabase database, Channels channels, IDictionary<string, string?>? settings = null,
        bool kestrel = false, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(channels);
        var all = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = database.Url,
            ["REDIS_URL"] = TestServers.RedisUrl,
            ["REDIS_TASK_CHANNEL"] = channels.Tasks,
            ["REDIS_RESULT_CHANNEL"] = channels.Results,
            ["REDIS_STATUS_CHANNEL"] = channels.Status,
            ["REDIS_DEAD_LETTER_KEY"] = channels.Tasks + ":dead_letters",
            ["LOG_LEVEL"] = "WARNING",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var redis = await TestServers.RedisConnection();
        var listeners = await Listeners(redis, channels.Tasks);

        // MassTransit keeps its log context in an AsyncLocal that is set only when empty; a second engine started in
        // this flow would otherwise log through the first one's (possibly disposed) logger factory.
        MassTransit.LogContext.Current = null;
        var app = new EngineApp(all, services) { Channels = channels };
        if (kestrel)
        {
            all["urls"] = "http://127.0.0.1:0";
            app.UseKestrel(0);
        }

        try
        {
            _ = app.Services; // builds and starts the host
            await Eventually.Until(async () => await Listeners(redis, channels.Tasks) > listeners, $"the engine to subscribe to {channels.Tasks}");
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>Builds an engine without waiting for it, to see how it refuses bad settings.</summary>
    public static EngineApp Create(IDictionary<string, string?> settings)
    {
        MassTransit.LogContext.Current = null;
        return new EngineApp(new Dictionary<string, string?>(settings));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    private static async Task<long> Listeners(IConnectionMultiplexer redis, string channel)
    {
        var result = await redis.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", channel);
        return (long)((RedisResult[])result!)[1];
    }
}
