using System.Diagnostics;

namespace Maas.Bench.Measure;

/// <summary>
/// Samples the engine's resident memory during a run (the peak four times a second, the timeline once a second), next to how many tasks had finished and how
/// many were running, so the report can tell memory that grows with finished tasks (a leak) from memory that follows
/// the load.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly Func<(int Finished, int InFlight)> _progress;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<MemorySample> _samples = [];
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _ticks;

    public MemorySampler(int pid, Func<(int Finished, int InFlight)> progress)
    {
        _pid = pid;
        _progress = progress;
        _loop = Loop();
    }

    public long PeakRssKb { get; private set; }

    public IReadOnlyList<MemorySample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task Loop()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        do
        {
            var (rss, _) = ProcFs.Memory(_pid);
            PeakRssKb = Math.Max(PeakRssKb, rss);
            // The peak is taken four times a second; the timeline kept for the report once a second is enough.
            if (_ticks++ % 4 != 0)
            {
                continue;
            }

            lock (_samples)
            {
                var (finished, inFlight) = _progress();
                _samples.Add(new MemorySample(Stopwatch.GetElapsedTime(_started).TotalSeconds, rss, finished, inFlight));
            }
        }
        while (await Tick(timer));
    }

    private async Task<bool> Tick(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
