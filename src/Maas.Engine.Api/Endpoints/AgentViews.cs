using Maas.Contracts.Api;
using Maas.Engine.Agents;

namespace Maas.Engine.Api.Endpoints;

/// <summary>The agent figures every endpoint shows, all from one set of snapshots, so <c>/agents</c>, <c>/health</c> and <c>/stats</c> agree.</summary>
internal static class AgentViews
{
    public static AgentInfo Info(AgentSnapshot agent) => new()
    {
        AgentId = agent.AgentId,
        Type = agent.Type,
        Status = agent.Status,
        EnvironmentId = agent.Environments.Count == 0 ? null : agent.Environments[0],
        Capabilities = agent.Capabilities,
        CurrentLoad = agent.CurrentLoad,
        LastActivity = agent.LastActivity,
        Environments = agent.Environments.Count == 0 ? null : agent.Environments,
        Provider = agent.Provider,
        Model = agent.Model,
        Healthy = agent.Healthy,
        HealthReason = agent.HealthReason,
        Running = agent.Running,
        MaxLoad = agent.MaxConcurrentTasks,
    };

    /// <summary>Agents that may be given tasks: <c>/health</c>'s <c>N_active</c> and <c>/stats</c>' <c>active_agents</c>.</summary>
    public static int Active(IReadOnlyList<AgentSnapshot> agents) => agents.Count(a => a.Healthy);

    public static AgentStats Stats(IReadOnlyList<AgentSnapshot> agents) => new()
    {
        TotalAgents = agents.Count,
        ActiveAgents = Active(agents),
        AgentsByType = agents.GroupBy(a => a.Type).ToDictionary(g => g.Key, g => g.Count()),
    };
}
