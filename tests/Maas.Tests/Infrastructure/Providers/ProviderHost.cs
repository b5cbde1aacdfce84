using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Maas.Providers;

namespace Maas.Tests.Infrastructure.Providers;

/// <summary>
/// The provider adapters alone, registered exactly as the engine registers them (<c>AddChatProviders</c>) from
/// settings, and started so their settings are validated: the engine's <see cref="IChatClient"/> without the saga.
/// </summary>
public sealed class ProviderHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ProviderHost(IHost host) => _host = host;

    public IChatClient ChatClient => _host.Services.GetRequiredService<IChatClient>();

    public IServiceProvider Services => _host.Services;

    /// <summary>Fast transport settings for tests: one retry after 50 ms, a circuit that needs 4 calls to open.</summary>
    public static Dictionary<string, string?> FastTransport { get; } = new()
    {
        ["PROVIDER_RETRY_DELAY_MS"] = "50",
        ["PROVIDER_CIRCUIT_MIN_CALLS"] = "4",
        ["PROVIDER_CIRCUIT_BREAK_SECONDS"] = "30",
    };

    public static async Task<ProviderHost> Start(IDictionary<string, string?> settings, Action<ILoggingBuilder>? logging = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(FastTransport).AddInMemoryCollection(settings);
        builder.Services.AddLogging(l => logging?.Invoke(l));
        services?.Invoke(builder.Services);
        builder.AddChatProviders();
        var host = builder.Build();
        await host.StartAsync();
        return new ProviderHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
