using System.Collections.Concurrent;

namespace Maas.Engine.Execution;

/// <summary>The attempts running on this instance, so a cancelled task's agent can be stopped.</summary>
public sealed class RunningTasks
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new();

    public int Count => _running.Count;

    internal void Add(string taskId, CancellationTokenSource cancellation) => _running[taskId] = cancellation;

    internal void Remove(string taskId) => _running.TryRemove(taskId, out _);

    /// <summary>Stops the task's agent if it runs here; false when it does not.</summary>
    public bool Cancel(string taskId)
    {
        if (!_running.TryGetValue(taskId, out var cancellation))
        {
            return false;
        }

        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It finished between the lookup and the cancel.
        }

        return true;
    }
}
