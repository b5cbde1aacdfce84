using System.Diagnostics;
using Maas.Bench.Measure;
using StackExchange.Redis;

namespace Maas.Bench.Platform;

/// <summary>
/// Plays the platform: PUBLISHes <c>task_execute</c> messages and listens on the status and result channels, as the
/// platform's own client does. One multiplexer (publishes go on its interactive connection, replies arrive on its
/// subscription connection). Each channel's replies are handled in order, on one thread per channel.
/// </summary>
public sealed class TaskPlayer : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _redis;
    private readonly BenchSettings _settings;
    private readonly List<ChannelMessageQueue> _queues = [];
    private RunTracker? _current;
    private int _runs;

    private TaskPlayer(ConnectionMultiplexer redis, BenchSettings settings)
    {
        _redis = redis;
        _settings = settings;
    }

    public (int Finished, int InFlight) Progress => _current is { } run ? (run.FinishedCount, run.InFlight) : (0, 0);

    public static async Task<TaskPlayer> Connect(BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var player = new TaskPlayer(await ConnectionMultiplexer.ConnectAsync(ServerUrls.Redis(settings.RedisUrl, "maas-bench-platform")), settings);
        foreach (var channel in new[] { settings.StatusChannel, settings.ResultChannel })
        {
            var queue = await player._redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel));
            queue.OnMessage(player.Handle);
            player._queues.Add(queue);
        }

        return player;
    }

    /// <summary>Waits until the engine has subscribed to the task channel: a task published before that is heard by no one.</summary>
    public async Task WaitForEngine(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var server = _redis.GetServers()[0];
        while ((long)(await server.ExecuteAsync("PUBSUB", "NUMSUB", _settings.TaskChannel))[1] < 1)
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"no subscriber on {_settings.TaskChannel} after {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Publishes <paramref name="count"/> tasks, at <paramref name="rate"/> a second (open loop: the publisher never
    /// waits for the engine), or as fast as possible with at most <paramref name="window"/> unfinished; then waits
    /// until every task finished, or until none has finished for <paramref name="stall"/>.
    /// </summary>
    public async Task<PlayOutcome> Play(int count, double? rate, int window, TimeSpan stall)
    {
        using var run = new RunTracker($"r{Interlocked.Increment(ref _runs)}x{Environment.ProcessId}", count, window);
        _current = run;
        var channel = RedisChannel.Literal(_settings.TaskChannel);
        var publisher = _redis.GetSubscriber();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            if (rate is { } perSecond)
            {
                var due = start + (long)(i * Stopwatch.Frequency / perSecond);
                while (Stopwatch.GetTimestamp() < due)
                {
                    await Task.Delay(1);
                }
            }
            else
            {
                await run.Window.WaitAsync();
            }

            var body = SeedTask.Execute(SeedTask.Id(run.Run, i));
            run.Published[i] = Stopwatch.GetTimestamp();
            // Fire and forget: commands on one connection stay in order, and waiting for each reply would cap the rate at one round trip.
            await publisher.PublishAsync(channel, body, CommandFlags.FireAndForget);
        }

        var published = Stopwatch.GetTimestamp();
        await WaitFinished(run, stall);
        // Progress (read by the memory sampler) must not show this run's counts at the start of the next one.
        _current = null;
        var last = run.Finished.Max();
        return new PlayOutcome(
            Count: count,
            OfferedRate: rate,
            Window: window,
            Completed: run.FinishedCount - run.FailedCount,
            Failed: run.FailedCount,
            Lost: count - run.FinishedCount,
            Seconds: Stopwatch.GetElapsedTime(start, last == 0 ? Stopwatch.GetTimestamp() : last).TotalSeconds,
            PublishSeconds: Stopwatch.GetElapsedTime(start, published).TotalSeconds,
            MaxInFlight: run.MaxInFlight,
            ToInProgress: Latency.Of(run.Published, run.InProgress),
            ToCompleted: Latency.Of(run.Published, run.Finished));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in _queues)
        {
            await queue.UnsubscribeAsync();
        }

        await _redis.DisposeAsync();
    }

    private static async Task WaitFinished(RunTracker run, TimeSpan stall)
    {
        var finished = run.FinishedCount;
        var lastProgress = Stopwatch.GetTimestamp();
        while (!run.AllFinished.IsCompleted && Stopwatch.GetElapsedTime(lastProgress) < stall)
        {
            await Task.WhenAny(run.AllFinished, Task.Delay(500));
            if (run.FinishedCount != finished)
            {
                finished = run.FinishedCount;
                lastProgress = Stopwatch.GetTimestamp();
            }
        }
    }

    private void Handle(ChannelMessage message)
    {
        if (_current is { } run && Reply.Read(((ReadOnlyMemory<byte>)message.Message).Span, run.Prefix) is { } reply)
        {
            run.Record(reply);
        }
    }
}
