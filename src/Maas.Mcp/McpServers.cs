using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Maas.Mcp;

/// <summary>
/// The declared MCP servers, each kept connected by its own loop from start-up until the engine stops. Start-up does
/// not wait for them: a server that is slow or down never delays or stops the engine.
/// </summary>
public sealed class McpServers : BackgroundService
{
    private readonly IReadOnlyList<McpConnection> _connections;

    public McpServers(IOptions<McpOptions> options, ILoggerFactory loggers, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _connections = [.. settings.Servers.Select(s => new McpConnection(s, settings, loggers, clock))];
    }

    /// <summary>Servers declared.</summary>
    public int Count => _connections.Count;

    /// <summary>Servers connected now (what <c>/health</c> shows as <c>N_connected</c>).</summary>
    public int Connected => _connections.Count(c => c.Connected);

    public IEnumerable<string> Names => _connections.Select(c => c.Name);

    /// <summary>Whether the named server is connected now.</summary>
    public bool IsConnected(string name) => Find(name)?.Connected ?? false;

    /// <summary>How many times the named server has been connected (1 after start-up, one more per reconnection).</summary>
    public int Connections(string name) => Find(name)?.Connections ?? 0;

    internal McpConnection? Find(string name) => _connections.FirstOrDefault(c => c.Name == name);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_connections.Select(c => Task.Run(() => c.Run(stoppingToken), CancellationToken.None)));
}
