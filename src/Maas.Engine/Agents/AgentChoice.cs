namespace Maas.Engine.Agents;

/// <summary>What selection decided for one task.</summary>
/// <param name="Kind">Run now, wait, or cannot run.</param>
/// <param name="AgentId">The agent to run on (or, for <see cref="AgentChoiceKind.Wait"/>, the one waited for).</param>
/// <param name="Reason">Why, in a few words, for logs and for the failure message.</param>
public sealed record AgentChoice(AgentChoiceKind Kind, string? AgentId, string Reason)
{
    public static AgentChoice Run(string agentId, string reason) => new(AgentChoiceKind.Run, agentId, reason);

    public static AgentChoice Wait(string? agentId, string reason) => new(AgentChoiceKind.Wait, agentId, reason);
}

/// <summary>The outcomes of selection.</summary>
public enum AgentChoiceKind
{
    /// <summary>Run on <see cref="AgentChoice.AgentId"/> now.</summary>
    Run,

    /// <summary>Every agent that may take it is at its limit: it stays in the backlog.</summary>
    Wait,

    /// <summary>No agent runs this task type (in this environment): fails with <c>agent_unavailable</c>, not retryable.</summary>
    NoAgent,

    /// <summary>Agents run it, but every one is unhealthy: fails with <c>agent_unavailable</c>, retryable.</summary>
    Unhealthy,
}
