using System.Diagnostics;
using Maas.Bench.Platform;
using StackExchange.Redis;

namespace Maas.Bench.Ceilings;

/// <summary>
/// Redis pub/sub's own rate on this machine, the ceiling of any engine that talks through it: PUBLISH -> a subscriber
/// that echoes each message to a second channel -> a receiver, with a seed-sized <c>task_execute</c> body. Three
/// multiplexers, as three processes would have, and at most a window of messages unanswered, because pub/sub drops a
/// subscriber that falls too far behind.
/// </summary>
public static class RedisEchoCeiling
{
    public static async Task<double> RoundTripsPerSecond(BenchSettings settings, int count, int window)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var requests = RedisChannel.Literal(settings.ChannelPrefix + "echo_in");
        var replies = RedisChannel.Literal(settings.ChannelPrefix + "echo_out");
        await using var publisher = await ConnectionMultiplexer.ConnectAsync(ServerUrls.Redis(settings.RedisUrl, "maas-bench-echo-publisher"));
        await using var echo = await ConnectionMultiplexer.ConnectAsync(ServerUrls.Redis(settings.RedisUrl, "maas-bench-echo"));
        await using var receiver = await ConnectionMultiplexer.ConnectAsync(ServerUrls.Redis(settings.RedisUrl, "maas-bench-echo-receiver"));

        var echoPublisher = echo.GetSubscriber();
        var echoQueue = await echo.GetSubscriber().SubscribeAsync(requests);
        echoQueue.OnMessage(m => echoPublisher.Publish(replies, m.Message, CommandFlags.FireAndForget));

        using var unanswered = new SemaphoreSlim(window);
        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var replyQueue = await receiver.GetSubscriber().SubscribeAsync(replies);
        replyQueue.OnMessage(_ =>
        {
            unanswered.Release();
            if (Interlocked.Increment(ref received) == count)
            {
                done.TrySetResult();
            }
        });

        var body = SeedTask.Execute(SeedTask.Id("echo", 0));
        var sub = publisher.GetSubscriber();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            await unanswered.WaitAsync();
            await sub.PublishAsync(requests, body, CommandFlags.FireAndForget);
        }

        await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await echoQueue.UnsubscribeAsync();
        await replyQueue.UnsubscribeAsync();
        return count / seconds;
    }
}
