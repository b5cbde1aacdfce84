using System.Collections.Concurrent;
using Maas.Engine.Tasks;

namespace Maas.Engine.Persistence;

/// <summary>
/// The last row this instance committed for each of its unfinished tasks, so the next transition starts without a
/// read. It is a guess, never the truth: the write that follows is checked against <c>xmin</c>, so a row changed
/// since (by another instance, or by a message that overtook this one) fails that check, leaves the cache and is
/// read again on the retry. Finished tasks leave it, so it holds at most the tasks in flight, up to a bound.
/// </summary>
internal sealed class TaskStateCache
{
    /// <summary>About 1 KiB an entry with the input shared with the running task: a bound far above one instance's in-flight tasks.</summary>
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<Guid, TaskState> _rows = new();

    // ConcurrentDictionary.Count takes every lock of the table; this runs on every transition, so the size is kept here.
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>A copy of the last committed row, for the caller to change.</summary>
    public bool TryGet(Guid correlationId, out TaskState task)
    {
        if (_rows.TryGetValue(correlationId, out var row))
        {
            task = row.Copy();
            return true;
        }

        task = null!;
        return false;
    }

    /// <summary>Keeps a copy of a row just committed, or lets it go if the task has finished.</summary>
    public void Committed(TaskState task)
    {
        if (!TaskStateNames.IsUnfinished(task.CurrentState))
        {
            Forget(task.CorrelationId);
        }
        else if (_rows.TryGetValue(task.CorrelationId, out var previous))
        {
            // Losing this race to another commit of the same row only leaves a stale copy, which the xmin check catches.
            _rows.TryUpdate(task.CorrelationId, task.Copy(), previous);
        }
        else if (Count < Capacity && _rows.TryAdd(task.CorrelationId, task.Copy()))
        {
            Interlocked.Increment(ref _count);
        }
    }

    public void Forget(Guid correlationId)
    {
        if (_rows.TryRemove(correlationId, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
