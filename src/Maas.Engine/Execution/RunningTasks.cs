using System.Collections.Concurrent;
using Maas.Engine.Agents;

namespace Maas.Engine.Execution;

/// <summary>The attempts running on this instance, so a cancelled task's agent can be stopped.</summary>
public sealed class RunningTasks
{
    private readonly ConcurrentDictionary<string, RunningAttempt> _running = new();

    public int Count => _running.Count;

    internal RunningAttempt Add(string taskId, CancellationTokenSource cancellation)
    {
        var attempt = new RunningAttempt(cancellation);
        _running[taskId] = attempt;
        return attempt;
    }

    internal void Remove(string taskId) => _running.TryRemove(taskId, out _);

    /// <summary>Stops the task's agent if it runs here; false when it does not.</summary>
    public bool Cancel(string taskId)
    {
        if (!_running.TryGetValue(taskId, out var attempt))
        {
            return false;
        }

        attempt.Cancel();
        return true;
    }

    internal sealed class RunningAttempt(CancellationTokenSource cancellation) : IModelCallObserver
    {
        private volatile bool _cancelled;
        private long _lastAnswerTicks;

        /// <summary>When the model last answered in this attempt (a repair round may still be waiting), if it did.</summary>
        public DateTimeOffset? LastAnswerAt
        {
            get
            {
                var ticks = Interlocked.Read(ref _lastAnswerTicks);
                return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
            }
        }

        public void Answered(DateTimeOffset at) => Interlocked.Exchange(ref _lastAnswerTicks, at.UtcTicks);

        /// <summary>Stopped because the task was cancelled, not because it ran out of time: nothing to report.</summary>
        public bool Cancelled => _cancelled;

        public void Cancel()
        {
            _cancelled = true;
            try
            {
                cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // It finished between the lookup and the cancel.
            }
        }
    }
}
