using System.Collections.Concurrent;
using System.Collections.Frozen;
using Maas.Contracts.Wire;
using Maas.Engine.Agents.Health;
using Maas.Engine.AI;

namespace Maas.Engine.Agents;

/// <summary>
/// The agents this instance runs, each with its own chat client, how busy each is and whether its provider is
/// healthy. A task names either one of these agents, one of the platform's agent ids the engine does not know (any
/// string: the platform owns its agents), or none; <see cref="AgentSelection"/> decides where it runs.
/// </summary>
public sealed class AgentCatalog
{
    private readonly FrozenDictionary<string, AgentProfile> _byId;
    private readonly FrozenDictionary<string, AgentChat> _chats;
    private readonly ConcurrentDictionary<string, AgentActivity> _activity = new(StringComparer.Ordinal);
    private readonly AgentHealth _health;
    private readonly int _workers;

    /// <param name="agents">The agents, in the order they are listed.</param>
    /// <param name="workers"><c>MAX_CONCURRENT_TASKS</c>: no agent's limit goes past it.</param>
    /// <param name="chats">Builds each agent's chat client; agents on one provider, model and address share one.</param>
    /// <param name="health">The provider endpoints' health.</param>
    public AgentCatalog(IEnumerable<AgentProfile> agents, int workers, IAgentChatFactory chats, AgentHealth health)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(chats);
        Agents = [.. agents];
        _workers = workers;
        _health = health;
        _byId = Agents.ToFrozenDictionary(a => a.AgentId, StringComparer.Ordinal);
        var shared = new Dictionary<(string, string?, string?), AgentChat>();
        _chats = Agents.ToFrozenDictionary(a => a.AgentId, a =>
        {
            var key = (a.Provider, a.Model, a.BaseUrl);
            if (!shared.TryGetValue(key, out var chat))
            {
                shared[key] = chat = chats.Create(a);
            }

            return chat;
        }, StringComparer.Ordinal);
        TaskTypes = [.. Agents.SelectMany(a => a.TaskTypes).Distinct(StringComparer.OrdinalIgnoreCase)];
        foreach (var agent in Agents)
        {
            _activity[agent.AgentId] = new AgentActivity();
        }
    }

    public IReadOnlyList<AgentProfile> Agents { get; }

    /// <summary>Every task type some agent runs.</summary>
    public IReadOnlyList<string> TaskTypes { get; }

    public AgentProfile? Find(string agentId) => _byId.GetValueOrDefault(agentId);

    public AgentChat ChatOf(AgentProfile agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return _chats[agent.AgentId];
    }

    /// <summary>The distinct provider endpoints, each with one agent's chat (its probe) standing for all on it.</summary>
    public IReadOnlyList<AgentChat> Endpoints => [.. _chats.Values.DistinctBy(c => c.Endpoint)];

    public AgentActivity ActivityOf(string agentId) => _activity.GetOrAdd(agentId, _ => new AgentActivity());

    /// <summary>The tasks the agent may run at once here: its own limit, never past <c>MAX_CONCURRENT_TASKS</c>.</summary>
    public int LimitOf(AgentProfile agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return Math.Min(agent.MaxConcurrentTasks, _workers);
    }

    /// <summary>Every agent as it stands now: the one view the endpoints, the agent channel and selection read.</summary>
    public IReadOnlyList<AgentSnapshot> Snapshot()
    {
        var snapshots = new AgentSnapshot[Agents.Count];
        for (var i = 0; i < snapshots.Length; i++)
        {
            snapshots[i] = Snapshot(Agents[i]);
        }

        return snapshots;
    }

    public AgentSnapshot Snapshot(AgentProfile agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var activity = ActivityOf(agent.AgentId);
        var chat = _chats[agent.AgentId];
        var running = activity.Running;
        var limit = LimitOf(agent);
        var problem = _health.Problem(chat.Endpoint, chat.Provider.Name);
        var status = problem is not null ? AgentStatuses.Offline : running >= limit ? AgentStatuses.Busy : AgentStatuses.Active;
        return new AgentSnapshot(agent.AgentId, agent.Type, status, problem is null, problem, running, limit, agent.Capabilities,
            chat.Provider.Name, chat.Provider.Model, agent.Environments, activity.LastActivity)
        {
            TaskTypes = agent.TaskTypes,
        };
    }
}
