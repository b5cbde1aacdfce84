using Maas.Contracts.Messages;
using Maas.Engine.Agents;
using Maas.Engine.Tasks;

namespace Maas.Engine.Execution;

/// <summary>
/// The tasks waiting for a worker on this instance, urgent first and in arrival order within a priority. A worker
/// takes the first task that can run now: a task whose agent is at its limit stays where it is (keeping its place)
/// while tasks behind it for other agents go ahead, so one full agent never holds up the rest. It holds only what a
/// restart may lose: every entry is also a Queued saga row, which the recovery sweep requeues.
/// </summary>
public sealed class TaskBacklog(AgentDispatcher? dispatcher = null) : IDisposable
{
    private readonly SortedDictionary<(int Rank, long Sequence), Waiting> _items = [];

    // Each signal is a reason for a worker to look again: a task arrived, a slot was freed, an agent's health changed.
    // A worker that finds nothing it can run waits for the next; spare signals only cost a look.
    private readonly SemaphoreSlim _available = new(0);
    private readonly Lock _gate = new();

    // Tasks handed to this instance's workers and not yet done with: waiting here, or taken by a worker whose attempt
    // has not ended. A count, as a retry may be handed over before the attempt before it has quite ended.
    private readonly Dictionary<string, int> _inHand = new(StringComparer.Ordinal);
    private long _sequence;

    // Whether the last look passed over a task whose agent was full. Only then can a freed slot or a change of health
    // let a waiting task run; otherwise they signal nobody, so a burst of tasks leaves no pile of signals behind.
    private bool _passedOver;

    public int Depth
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    public void Enqueue(TaskQueued task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var request = dispatcher?.Describe(task);
        lock (_gate)
        {
            _items.Add((TaskPriority.Rank(task.Priority), _sequence++), new Waiting(task, request));
            _inHand[task.TaskId] = _inHand.GetValueOrDefault(task.TaskId) + 1;
        }

        _available.Release();
    }

    /// <summary>Whether the task is waiting here or a worker of this instance is running it.</summary>
    public bool Holds(string taskId)
    {
        lock (_gate)
        {
            return _inHand.ContainsKey(taskId);
        }
    }

    /// <summary>A worker is done with a task it took (whatever became of its attempt); its agent's slot is free again.</summary>
    public void Done(string taskId)
    {
        bool look;
        lock (_gate)
        {
            Release(taskId);
            look = _passedOver && _items.Count > 0;
        }

        // One slot freed lets at most one waiting task run.
        if (look)
        {
            _available.Release();
        }
    }

    /// <summary>Something that decides what may run has changed (a slot freed, an agent's health): waiting tasks are looked at again.</summary>
    public void Pulse()
    {
        int waiting;
        lock (_gate)
        {
            // Not only when a look passed a task over: this is also the backstop (each health probe round) for a signal lost to a race.
            waiting = _items.Count;
        }

        if (waiting > 0)
        {
            _available.Release(Math.Min(waiting, 64));
        }
    }

    /// <summary>
    /// Takes a cancelled task out before any worker reaches it, so no model is called for it; false when it is not
    /// waiting here. A scan of the backlog, as cancels are rare next to arrivals.
    /// </summary>
    public bool Remove(string taskId)
    {
        lock (_gate)
        {
            foreach (var (key, waiting) in _items)
            {
                if (waiting.Task.TaskId == taskId)
                {
                    _items.Remove(key);
                    Release(taskId);
                    return true;
                }
            }

            return false;
        }
    }

    public void Dispose() => _available.Dispose();

    private void Release(string taskId)
    {
        if (_inHand.TryGetValue(taskId, out var count))
        {
            if (count > 1)
            {
                _inHand[taskId] = count - 1;
            }
            else
            {
                _inHand.Remove(taskId);
            }
        }
    }

    public async ValueTask<Dispatch> Dequeue(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _available.WaitAsync(cancellationToken);
            lock (_gate)
            {
                // A removed task leaves its signal behind, and a task whose agent is full stays: the wait that finds
                // nothing to run waits again.
                if (Take() is { } dispatch)
                {
                    return dispatch;
                }
            }
        }
    }

    // In priority order, the first task selection lets run now (or refuses outright: a worker reports that).
    private Dispatch? Take()
    {
        _passedOver = false;
        foreach (var (key, waiting) in _items)
        {
            var choice = dispatcher is null ? null : dispatcher.TryTake(waiting.Request!);
            if (dispatcher is null || choice is not null)
            {
                _items.Remove(key);
                return new Dispatch(waiting.Task, choice);
            }

            _passedOver = true;
        }

        return null;
    }

    private sealed record Waiting(TaskQueued Task, AgentRequest? Request);
}
