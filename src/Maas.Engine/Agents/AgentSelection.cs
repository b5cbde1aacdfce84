namespace Maas.Engine.Agents;

/// <summary>
/// Where a task runs, decided from the agents' snapshots alone (a pure function, so every rule has a table test):
/// <list type="number">
/// <item>Only agents that run the task's type and serve its environment (an agent with no environments serves all) may take it; none: <see cref="AgentChoiceKind.NoAgent"/>.</item>
/// <item>A task naming one of these agents runs there when it is healthy, and waits for it while it is at its limit. Named
/// but unhealthy, it goes to the best other agent (and the result names the agent that ran). A name the engine does not
/// know is the platform's own agent: the task is chosen for as if it named none.</item>
/// <item>Unhealthy agents are never chosen; all unhealthy: <see cref="AgentChoiceKind.Unhealthy"/>.</item>
/// <item>Of the healthy agents with a free slot: those dedicated to the task's environment before those serving all, then
/// the best capability fit (the task's language and framework among the agent's capabilities), then the least loaded
/// relative to its limit; ties go round in turn (the caller counts the turns). No free slot anywhere: <see cref="AgentChoiceKind.Wait"/>.</item>
/// </list>
/// </summary>
public static class AgentSelection
{
    public static AgentChoice Choose(AgentRequest request, IReadOnlyList<AgentSnapshot> agents, long turn = 0)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(agents);
        var capable = agents.Where(a => Runs(a, request.TaskType) && Serves(a, request.EnvironmentId)).ToList();
        if (capable.Count == 0)
        {
            return new AgentChoice(AgentChoiceKind.NoAgent, null, request.EnvironmentId is null || !agents.Any(a => Runs(a, request.TaskType))
                ? $"no agent runs task type '{request.TaskType}'"
                : $"no agent runs task type '{request.TaskType}' in environment '{request.EnvironmentId}'");
        }

        if (request.AgentId is { } named && capable.FirstOrDefault(a => a.AgentId == named) is { Healthy: true } chosen)
        {
            return chosen.Running < chosen.MaxConcurrentTasks
                ? AgentChoice.Run(chosen.AgentId, "named by the task")
                : AgentChoice.Wait(chosen.AgentId, "named by the task, at its limit");
        }

        var healthy = capable.Where(a => a.Healthy).ToList();
        if (healthy.Count == 0)
        {
            return new AgentChoice(AgentChoiceKind.Unhealthy, null,
                $"every agent for task type '{request.TaskType}' is unhealthy ({string.Join("; ", capable.Select(a => $"{a.AgentId}: {a.HealthReason}"))})");
        }

        var free = healthy.Where(a => a.Running < a.MaxConcurrentTasks).ToList();
        if (free.Count == 0)
        {
            return AgentChoice.Wait(null, "every capable agent is at its limit");
        }

        var best = free
            .GroupBy(a => (Dedicated: Dedicated(a, request.EnvironmentId), Fit: Fit(a, request), Load: Load(a)))
            .OrderByDescending(g => g.Key.Dedicated)
            .ThenByDescending(g => g.Key.Fit)
            .ThenBy(g => g.Key.Load)
            .First()
            .ToList();
        return AgentChoice.Run(best[(int)(turn % best.Count)].AgentId, "best capable agent");
    }

    private static bool Runs(AgentSnapshot agent, string taskType) => agent.TaskTypes.Contains(taskType, StringComparer.OrdinalIgnoreCase);

    private static bool Serves(AgentSnapshot agent, string? environmentId) =>
        agent.Environments.Count == 0 || (environmentId is not null && agent.Environments.Contains(environmentId, StringComparer.Ordinal));

    private static bool Dedicated(AgentSnapshot agent, string? environmentId) => agent.Environments.Count > 0 && Serves(agent, environmentId);

    private static int Fit(AgentSnapshot agent, AgentRequest request) =>
        (Has(agent, request.Language) ? 2 : 0) + (Has(agent, request.Framework) ? 1 : 0);

    private static bool Has(AgentSnapshot agent, string? capability) =>
        !string.IsNullOrWhiteSpace(capability) && agent.Capabilities.Contains(capability, StringComparer.OrdinalIgnoreCase);

    private static double Load(AgentSnapshot agent) => agent.MaxConcurrentTasks <= 0 ? 1 : (double)agent.Running / agent.MaxConcurrentTasks;
}
