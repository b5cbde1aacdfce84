namespace Maas.Contracts.Api;

/// <summary>One agent in <c>GET /agents</c>.</summary>
public sealed record AgentInfo
{
    /// <summary>The agent's id.</summary>
    public required string AgentId { get; init; }

    /// <summary>The agent type, e.g. <c>code_generator</c>.</summary>
    public required string Type { get; init; }

    /// <summary><c>active</c> when idle or working.</summary>
    public required string Status { get; init; }

    /// <summary>The environment the agent serves; engine agents serve all, so this is null.</summary>
    public string? EnvironmentId { get; init; }

    /// <summary>What the agent can do.</summary>
    public required IReadOnlyList<string> Capabilities { get; init; }

    /// <summary>Share of this instance's workers the agent occupies, 0 to 1.</summary>
    public required double CurrentLoad { get; init; }

    /// <summary>When the agent last started or finished a task on this instance.</summary>
    public DateTimeOffset? LastActivity { get; init; }
}
