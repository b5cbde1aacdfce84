namespace Maas.Contracts.Api;

/// <summary>The body of <c>GET /stats</c>.</summary>
public sealed record StatsResponse
{
    /// <summary>Always <c>maas-ai-engine</c>.</summary>
    public required string Service { get; init; }

    /// <summary>Seconds since this instance started.</summary>
    public required long UptimeSeconds { get; init; }

    /// <summary>Task counts across every instance (from the saga table).</summary>
    public required TaskStats Tasks { get; init; }

    /// <summary>This instance's agents.</summary>
    public required AgentStats Agents { get; init; }

    /// <summary>This instance's process.</summary>
    public required ResourceStats Resources { get; init; }
}
