namespace Maas.Contracts.Api;

/// <summary>The body of <c>GET /health</c>.</summary>
public sealed record HealthResponse
{
    /// <summary><c>healthy</c> when every component answers, else <c>unhealthy</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Always <c>maas-ai-engine</c>.</summary>
    public required string Service { get; init; }

    /// <summary>The engine's version.</summary>
    public required string Version { get; init; }

    /// <summary>When the check ran.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Per component: <c>redis</c>, <c>database</c> (<c>connected</c> or <c>disconnected</c>), <c>agents</c> (<c>N_active</c>), <c>mcp_servers</c> (<c>N_connected</c>).</summary>
    public required IReadOnlyDictionary<string, string> Components { get; init; }
}
