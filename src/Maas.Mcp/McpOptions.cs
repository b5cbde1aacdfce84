using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Maas.Mcp;

/// <summary>The MCP servers agents may use as tools, and how the engine calls and keeps them.</summary>
public sealed class McpOptions
{
    /// <summary>The servers, from the <c>mcp_servers</c> section (appsettings, the agents file, or <c>mcp_servers__0__name</c>-style variables).</summary>
    [ConfigurationKeyName("mcp_servers")]
    public List<McpServerOptions> Servers { get; set; } = [];

    /// <summary>Seconds one tool call may take unless its server says otherwise; a call past it reaches the model as an error.</summary>
    [ConfigurationKeyName("MCP_TOOL_TIMEOUT_SECONDS")]
    public double ToolTimeoutSeconds { get; set; } = 60;

    /// <summary>Seconds a server has to start and complete MCP's handshake before the attempt counts as failed.</summary>
    [ConfigurationKeyName("MCP_CONNECT_TIMEOUT_SECONDS")]
    public double ConnectTimeoutSeconds { get; set; } = 30;

    /// <summary>The longest wait between reconnection attempts; the first is one second, doubling up to this.</summary>
    [ConfigurationKeyName("MCP_RECONNECT_MAX_SECONDS")]
    public double ReconnectMaxSeconds { get; set; } = 30;

    /// <summary>How often a connected server is pinged, so one that went away silently (an HTTP server) is noticed.</summary>
    [ConfigurationKeyName("MCP_PING_INTERVAL_SECONDS")]
    public double PingIntervalSeconds { get; set; } = 15;

    /// <summary>The tool timeout of <paramref name="server"/>: its own when set and valid, else <see cref="ToolTimeoutSeconds"/>.</summary>
    public TimeSpan ToolTimeout(McpServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return TimeSpan.FromSeconds(ParseSeconds(server.ToolTimeoutSeconds) ?? ToolTimeoutSeconds);
    }

    /// <summary>A positive, finite number of seconds, or null.</summary>
    internal static double? ParseSeconds(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds > 0 ? seconds : null;
}
