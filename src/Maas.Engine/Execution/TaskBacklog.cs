using Maas.Contracts.Messages;
using Maas.Engine.Tasks;

namespace Maas.Engine.Execution;

/// <summary>
/// The tasks waiting for a worker on this instance, urgent first and in arrival order within a priority.
/// It holds only what a restart may lose: every entry is also a Queued saga row, which the recovery sweep requeues.
/// </summary>
public sealed class TaskBacklog : IDisposable
{
    private readonly PriorityQueue<TaskQueued, (int Rank, long Sequence)> _items = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly Lock _gate = new();

    // Tasks handed to this instance's workers and not yet done with: waiting here, or taken by a worker whose attempt
    // has not ended. A count, as a retry may be handed over before the attempt before it has quite ended.
    private readonly Dictionary<string, int> _inHand = new(StringComparer.Ordinal);
    private long _sequence;

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
        lock (_gate)
        {
            _items.Enqueue(task, (TaskPriority.Rank(task.Priority), _sequence++));
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

    /// <summary>A worker is done with a task it took (whatever became of its attempt).</summary>
    public void Done(string taskId)
    {
        lock (_gate)
        {
            Release(taskId);
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
            foreach (var (task, _) in _items.UnorderedItems)
            {
                if (task.TaskId == taskId && _items.Remove(task, out _, out _, ReferenceEqualityComparer.Instance))
                {
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

    public async ValueTask<TaskQueued> Dequeue(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _available.WaitAsync(cancellationToken);
            lock (_gate)
            {
                // A removed task leaves its signal behind: the wait that takes it finds nothing and waits again.
                if (_items.TryDequeue(out var task, out _))
                {
                    return task;
                }
            }
        }
    }
}
