using System.Diagnostics;
using System.Text;

namespace Maas.Bench.Platform;

/// <summary>
/// One run's tasks, indexed by the number in their ids: when each was published, seen <c>IN_PROGRESS</c> and finished
/// (Stopwatch timestamps, all on the bench's side). Written by the publisher and by the two channel handlers at once,
/// so every counter is interlocked and each slot is written once.
/// </summary>
public sealed class RunTracker : IDisposable
{
    private readonly TaskCompletionSource _allFinished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inProgress;
    private int _finished;
    private int _failed;
    private int _maxInFlight;

    public RunTracker(string run, int count, int window)
    {
        Run = run;
        Prefix = Encoding.UTF8.GetBytes(SeedTask.Id(run, 0)[..^1]);
        Published = new long[count];
        InProgress = new long[count];
        Finished = new long[count];
        Window = new SemaphoreSlim(window);
    }

    public string Run { get; }

    public byte[] Prefix { get; }

    public long[] Published { get; }

    public long[] InProgress { get; }

    public long[] Finished { get; }

    /// <summary>Released as tasks finish; the publisher waits on it when it keeps a bounded number unfinished.</summary>
    public SemaphoreSlim Window { get; }

    public int FinishedCount => Volatile.Read(ref _finished);

    public int FailedCount => Volatile.Read(ref _failed);

    public int InFlight => Math.Max(0, Volatile.Read(ref _inProgress) - Volatile.Read(ref _finished));

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public Task AllFinished => _allFinished.Task;

    public void Dispose() => Window.Dispose();

    public void Record(Reply reply)
    {
        if ((uint)reply.Index >= (uint)Published.Length)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        switch (reply.Kind)
        {
            case ReplyKind.InProgress when Interlocked.CompareExchange(ref InProgress[reply.Index], now, 0) == 0:
                var inFlight = Interlocked.Increment(ref _inProgress) - Volatile.Read(ref _finished);
                for (var max = Volatile.Read(ref _maxInFlight); inFlight > max; max = Volatile.Read(ref _maxInFlight))
                {
                    Interlocked.CompareExchange(ref _maxInFlight, inFlight, max);
                }

                break;
            case ReplyKind.Completed or ReplyKind.Failed when Interlocked.CompareExchange(ref Finished[reply.Index], now, 0) == 0:
                if (reply.Kind == ReplyKind.Failed)
                {
                    Interlocked.Increment(ref _failed);
                }

                Window.Release();
                if (Interlocked.Increment(ref _finished) == Published.Length)
                {
                    _allFinished.TrySetResult();
                }

                break;
        }
    }
}
