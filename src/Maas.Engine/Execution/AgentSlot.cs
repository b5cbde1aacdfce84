using Maas.Engine.Agents;

namespace Maas.Engine.Execution;

/// <summary>One of an agent's slots held by a direct call (<c>POST /agents/{id}/execute</c>); freeing it lets a task waiting for the agent run.</summary>
public sealed class AgentSlot : IDisposable
{
    private readonly AgentActivity _activity;
    private readonly TaskBacklog _backlog;
    private readonly TimeProvider _clock;
    private int _freed;

    private AgentSlot(AgentActivity activity, TaskBacklog backlog, TimeProvider clock)
    {
        _activity = activity;
        _backlog = backlog;
        _clock = clock;
    }

    /// <summary>The slot, or null when the agent is at its limit.</summary>
    public static AgentSlot? TryTake(AgentCatalog agents, AgentProfile agent, TaskBacklog backlog, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(clock);
        var activity = agents.ActivityOf(agent.AgentId);
        return activity.TryBegin(agents.LimitOf(agent), clock.GetUtcNow()) ? new AgentSlot(activity, backlog, clock) : null;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _freed, 1) == 0)
        {
            _activity.End(_clock.GetUtcNow());
            _backlog.Pulse();
        }
    }
}
