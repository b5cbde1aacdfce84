using System.Text.Json.Serialization;

namespace Maas.Contracts.Wire;

/// <summary>
/// The <c>data</c> of an <c>agent_status</c> message (the agent's id is the envelope's <c>agent_id</c>). Each instance
/// runs its own copy of every agent, so each reports its own: <see cref="InstanceId"/> tells the copies apart.
/// </summary>
public sealed record AgentStatusData
{
    /// <summary><c>active</c>, <c>busy</c> or <c>offline</c> (see <see cref="AgentStatuses"/>).</summary>
    public required string Status { get; init; }

    /// <summary>The agent's type, e.g. <c>code_generator</c>.</summary>
    public string? Type { get; init; }

    /// <summary>What the agent can do: task types, languages, frameworks.</summary>
    public IReadOnlyList<string>? Capabilities { get; init; }

    /// <summary>Busy share of the agent's capacity on this instance, 0 to 1 (as <c>GET /agents</c> reports it).</summary>
    public double? CurrentLoad { get; init; }

    /// <summary>The agent's capacity on this instance: how many tasks it may run at once.</summary>
    public int? MaxLoad { get; init; }

    /// <summary>Tasks the agent runs on this instance now (<see cref="CurrentLoad"/> times <see cref="MaxLoad"/>).</summary>
    public int? ActiveTasks { get; init; }

    /// <summary>The agent's chat provider, e.g. <c>openai</c> or <c>offline</c>.</summary>
    public string? Provider { get; init; }

    /// <summary>The agent's model id, e.g. <c>gpt-4o-mini</c>.</summary>
    public string? Model { get; init; }

    /// <summary>The engine instance that runs this copy of the agent (<c>ENGINE_INSTANCE_ID</c>).</summary>
    public string? InstanceId { get; init; }

    /// <summary>When the agent last started or finished a task on this instance; written as null before its first.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DateTimeOffset? LastActivity { get; init; }
}
