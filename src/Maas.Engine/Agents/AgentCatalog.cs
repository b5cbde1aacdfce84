using System.Collections.Concurrent;
using Maas.Contracts.Wire;
using Maas.Engine.Agents.Kinds;

namespace Maas.Engine.Agents;

/// <summary>
/// The agents this instance runs and how busy each is. A task names either one of the platform's agent ids (any
/// string: the platform owns its agents) or none; either way the engine runs it on the agent profile for its task type.
/// </summary>
public sealed class AgentCatalog
{
    private readonly Dictionary<string, AgentProfile> _byTaskType;
    private readonly ConcurrentDictionary<string, AgentActivity> _activity = new();

    public AgentCatalog(IEnumerable<AgentProfile> agents, string provider)
    {
        ArgumentNullException.ThrowIfNull(agents);
        Agents = [.. agents];
        Provider = provider;
        _byTaskType = Agents.SelectMany(a => a.TaskTypes.Select(t => (t, a))).ToDictionary(x => x.t, x => x.a, StringComparer.OrdinalIgnoreCase);
        foreach (var agent in Agents)
        {
            _activity[agent.AgentId] = new AgentActivity();
        }
    }

    public IReadOnlyList<AgentProfile> Agents { get; }

    /// <summary>The chat provider behind every agent, e.g. <c>offline</c>.</summary>
    public string Provider { get; }

    public AgentProfile? ForTaskType(string taskType) => _byTaskType.GetValueOrDefault(taskType);

    public IReadOnlyCollection<string> TaskTypes => _byTaskType.Keys;

    public AgentActivity ActivityOf(string agentId) => _activity.GetOrAdd(agentId, _ => new AgentActivity());

    /// <summary>
    /// Every agent as it stands now. Until agents have limits of their own, each may use every worker
    /// (<paramref name="workers"/>, <c>MAX_CONCURRENT_TASKS</c>), and until agents are probed, each is healthy.
    /// </summary>
    public IReadOnlyList<AgentSnapshot> Snapshot(int workers, string model) =>
    [
        .. Agents.Select(agent =>
        {
            var activity = ActivityOf(agent.AgentId);
            var running = activity.Running;
            return new AgentSnapshot(agent.AgentId, agent.Type, running >= workers ? AgentStatuses.Busy : AgentStatuses.Active,
                Healthy: true, HealthReason: null, running, workers, agent.Capabilities, Provider, model, [], activity.LastActivity);
        }),
    ];

    /// <summary>The engine's stock agents; their ids name the provider, so an offline run never passes for a real model.</summary>
    public static IReadOnlyList<AgentProfile> Defaults(string provider) =>
    [
        new($"code_generator_{provider}", "code_generator", [TaskKinds.CodeGeneration.Name],
            ["python", "javascript", "typescript", "java", "csharp", "go", "rust", "api_development"],
            "You are a senior software engineer who writes complete, idiomatic, working code."),
        new($"research_agent_{provider}", "research_agent", [TaskKinds.Research.Name],
            ["summarization", "analysis"],
            "You are a careful researcher who separates what is known from what is guessed and never invents a source."),
        new($"testing_agent_{provider}", "testing_agent", [TaskKinds.Testing.Name],
            ["pytest", "unit_testing"],
            "You are a test engineer who writes focused tests that fail when the behaviour is wrong."),
        new($"documentation_{provider}", "documentation", [TaskKinds.Documentation.Name],
            ["markdown", "api_docs"],
            "You are a technical writer who writes clear, well-structured Markdown."),
    ];
}
