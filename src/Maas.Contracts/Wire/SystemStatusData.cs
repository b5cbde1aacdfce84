namespace Maas.Contracts.Wire;

/// <summary>The <c>data</c> of a <c>system_status</c> or <c>health_check</c> message.</summary>
public sealed record SystemStatusData
{
    /// <summary><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The reporting service, e.g. <c>maas-ai-engine</c>.</summary>
    public string? Service { get; init; }

    /// <summary>The service's version.</summary>
    public string? Version { get; init; }

    /// <summary>Each component's state, e.g. <c>redis: connected</c>.</summary>
    public IReadOnlyDictionary<string, string>? Components { get; init; }
}
