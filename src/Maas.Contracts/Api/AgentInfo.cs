using System.Text.Json.Serialization;

namespace Maas.Contracts.Api;

/// <summary>One agent in <c>GET /agents</c>: the seed's fields, then the engine's own (provider, model, health, limit).</summary>
public sealed record AgentInfo
{
    /// <summary>The agent's id.</summary>
    public required string AgentId { get; init; }

    /// <summary>The agent type, e.g. <c>code_generator</c>.</summary>
    public required string Type { get; init; }

    /// <summary><c>active</c> (healthy, with a free slot), <c>busy</c> (at its limit) or <c>offline</c> (unhealthy).</summary>
    public required string Status { get; init; }

    /// <summary>The environment the agent serves (its first, when it serves several); null when it serves all. Always written.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? EnvironmentId { get; init; }

    /// <summary>What the agent can do.</summary>
    public required IReadOnlyList<string> Capabilities { get; init; }

    /// <summary>Share of its own limit the agent uses on this instance, 0 to 1.</summary>
    public required double CurrentLoad { get; init; }

    /// <summary>When the agent last started or finished a task on this instance; null before its first. Always written.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DateTimeOffset? LastActivity { get; init; }

    /// <summary>Every environment the agent serves, when it serves only some.</summary>
    public IReadOnlyList<string>? Environments { get; init; }

    /// <summary>Its chat provider, e.g. <c>openai</c>.</summary>
    public string? Provider { get; init; }

    /// <summary>Its model id.</summary>
    public string? Model { get; init; }

    /// <summary>Whether it may be given tasks.</summary>
    public bool? Healthy { get; init; }

    /// <summary>Why it is unhealthy; absent when healthy.</summary>
    public string? HealthReason { get; init; }

    /// <summary>Tasks it runs on this instance now.</summary>
    public int? Running { get; init; }

    /// <summary>Tasks it may run at once on this instance.</summary>
    public int? MaxLoad { get; init; }
}
