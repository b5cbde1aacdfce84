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
        }

        _available.Release();
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
                if (task.TaskId == taskId)
                {
                    return _items.Remove(task, out _, out _, ReferenceEqualityComparer.Instance);
                }
            }

            return false;
        }
    }

    public void Dispose() => _available.Dispose();

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
