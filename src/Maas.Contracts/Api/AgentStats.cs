namespace Maas.Contracts.Api;

/// <summary>The <c>agents</c> part of <c>GET /stats</c>.</summary>
public sealed record AgentStats
{
    /// <summary>Agents this instance runs.</summary>
    public required int TotalAgents { get; init; }

    /// <summary>Agents that may be given tasks (healthy, busy or not): the same count as <c>/health</c>'s <c>N_active</c>.</summary>
    public required int ActiveAgents { get; init; }

    /// <summary>Agents per type.</summary>
    public required IReadOnlyDictionary<string, int> AgentsByType { get; init; }
}
