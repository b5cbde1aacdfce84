namespace Maas.Contracts.Wire;

/// <summary>The <c>data</c> of an <c>agent_status</c> message (the agent's id is the envelope's <c>agent_id</c>).</summary>
public sealed record AgentStatusData
{
    /// <summary><c>active</c>, <c>busy</c> or <c>offline</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The agent's type, e.g. <c>code_generator</c>.</summary>
    public string? Type { get; init; }

    /// <summary>What the agent can do, e.g. languages.</summary>
    public IReadOnlyList<string>? Capabilities { get; init; }

    /// <summary>Busy share of the agent's capacity, 0 to 1.</summary>
    public double? CurrentLoad { get; init; }

    /// <summary>When the agent last worked on a task.</summary>
    public DateTimeOffset? LastActivity { get; init; }
}
