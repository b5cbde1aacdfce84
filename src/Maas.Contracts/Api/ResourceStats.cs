namespace Maas.Contracts.Api;

/// <summary>The <c>resources</c> part of <c>GET /stats</c>, in the seed's text forms.</summary>
public sealed record ResourceStats
{
    /// <summary>The process's working set, e.g. <c>234MB</c>.</summary>
    public required string MemoryUsage { get; init; }

    /// <summary>The process's share of the machine's CPU since it started, e.g. <c>12%</c>.</summary>
    public required string CpuUsage { get; init; }

    /// <summary>Tasks waiting for a worker on this instance.</summary>
    public required int QueueDepth { get; init; }
}
