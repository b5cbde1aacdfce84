using Maas.Contracts.Api;

namespace Maas.Contracts.Wire;

/// <summary>
/// The <c>data</c> of a <c>system_status</c> message (and what a <c>health_check</c> may carry). The engine's carries
/// what <c>GET /health</c> and <c>GET /stats</c> of the reporting instance say at that moment.
/// </summary>
public sealed record SystemStatusData
{
    /// <summary><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>; the engine reports <c>GET /health</c>'s <c>status</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The reporting service, e.g. <c>maas-ai-engine</c>.</summary>
    public string? Service { get; init; }

    /// <summary>The reporting instance (<c>ENGINE_INSTANCE_ID</c>): every instance publishes its own.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The service's version.</summary>
    public string? Version { get; init; }

    /// <summary>Seconds since the reporting process started, as <c>GET /stats</c> counts them.</summary>
    public long? UptimeSeconds { get; init; }

    /// <summary>Each component's state, e.g. <c>redis: connected</c>, as <c>GET /health</c> reports them.</summary>
    public IReadOnlyDictionary<string, string>? Components { get; init; }

    /// <summary>Task figures, as <c>GET /stats</c> reports them.</summary>
    public TaskStats? Tasks { get; init; }

    /// <summary>Resource figures of the reporting instance, as <c>GET /stats</c> reports them.</summary>
    public ResourceStats? Resources { get; init; }
}
