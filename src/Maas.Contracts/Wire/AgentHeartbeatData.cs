namespace Maas.Contracts.Wire;

/// <summary>The <c>data</c> of an <c>agent_heartbeat</c> message.</summary>
public sealed record AgentHeartbeatData
{
    /// <summary><c>active</c>, <c>busy</c> or <c>offline</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Busy share of the agent's capacity, 0 to 1.</summary>
    public double? CurrentLoad { get; init; }

    /// <summary>Tasks the agent is running now.</summary>
    public int? ActiveTasks { get; init; }
}
