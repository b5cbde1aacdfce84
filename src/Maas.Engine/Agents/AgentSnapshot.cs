namespace Maas.Engine.Agents;

/// <summary>
/// One agent as this instance sees it at one moment: the single source of <c>GET /agents</c>, <c>/health</c>'s and
/// <c>/stats</c>'s agent figures and the <c>agent_status</c> messages, so they always agree.
/// </summary>
/// <param name="AgentId">The agent's id.</param>
/// <param name="Type">The platform's agent type, e.g. <c>code_generator</c>.</param>
/// <param name="Status">One of <see cref="Maas.Contracts.Wire.AgentStatuses"/>.</param>
/// <param name="Healthy">Whether the agent may be chosen.</param>
/// <param name="HealthReason">Why it is unhealthy; null when healthy.</param>
/// <param name="Running">Tasks it runs on this instance now.</param>
/// <param name="MaxConcurrentTasks">Tasks it may run at once on this instance.</param>
/// <param name="Capabilities">What it can do: task types, languages, frameworks.</param>
/// <param name="Provider">Its chat provider, e.g. <c>openai</c>.</param>
/// <param name="Model">Its model id.</param>
/// <param name="Environments">The environment ids it serves; empty when it serves all.</param>
/// <param name="LastActivity">When it last started or finished a task on this instance; null before its first.</param>
public sealed record AgentSnapshot(
    string AgentId,
    string Type,
    string Status,
    bool Healthy,
    string? HealthReason,
    int Running,
    int MaxConcurrentTasks,
    IReadOnlyList<string> Capabilities,
    string Provider,
    string Model,
    IReadOnlyList<string> Environments,
    DateTimeOffset? LastActivity)
{
    /// <summary>The task types it runs.</summary>
    public IReadOnlyList<string> TaskTypes { get; init; } = [];

    /// <summary>Busy share of its limit, 0 to 1.</summary>
    public double CurrentLoad => MaxConcurrentTasks <= 0 ? 0 : Math.Round(Math.Min(1, (double)Running / MaxConcurrentTasks), 3);
}
