using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using StackExchange.Redis;

namespace Maas.Tests.Infrastructure;

/// <summary>Plays the platform's side of Redis: publishes requests and records every message the engine publishes.</summary>
public sealed class RedisListener : IAsyncDisposable
{
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly ISubscriber _subscriber;
    private readonly Channels _channels;
    private readonly ConcurrentQueue<string> _more = new();

    private RedisListener(ISubscriber subscriber, Channels channels)
    {
        _subscriber = subscriber;
        _channels = channels;
    }

    public sealed record Received(string Channel, JsonObject Message)
    {
        public string? TaskId => (string?)Message["task_id"];

        public string? MessageType => (string?)Message["message_type"];

        public JsonObject Data => Message["data"]!.AsObject();

        public string? Status => (string?)Data["status"];

        public override string ToString() => $"{Channel}: {Message.ToJsonString()}";
    }

    public IReadOnlyList<Received> Messages => [.. _received];

    public static async Task<RedisListener> Listen(Channels channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var redis = await TestServers.RedisConnection();
        var listener = new RedisListener(redis.GetSubscriber(), channels);
        foreach (var channel in new[] { channels.Results, channels.Status })
        {
            var queue = await listener._subscriber.SubscribeAsync(RedisChannel.Literal(channel));
            queue.OnMessage(m =>
            {
                if (JsonNode.Parse((string)m.Message!) is JsonObject message)
                {
                    listener._received.Enqueue(new Received(m.Channel.ToString(), message));
                }
            });
        }

        return listener;
    }

    /// <summary>Also records what is published on <paramref name="channel"/> (the agent and system channels, say).</summary>
    public async Task Also(string channel)
    {
        var queue = await _subscriber.SubscribeAsync(RedisChannel.Literal(channel));
        _more.Enqueue(channel);
        queue.OnMessage(m =>
        {
            if (JsonNode.Parse((string)m.Message!) is JsonObject message)
            {
                _received.Enqueue(new Received(m.Channel.ToString(), message));
            }
        });
    }

    /// <summary>Every message received on <paramref name="channel"/>, in order.</summary>
    public IReadOnlyList<Received> On(string channel) => [.. _received.Where(m => m.Channel == channel)];

    /// <summary>Publishes raw bytes on any channel, as the platform (or a broken client) would.</summary>
    public Task PublishOn(string channel, byte[] body) => _subscriber.PublishAsync(RedisChannel.Literal(channel), body);

    public Task Publish(string json) => _subscriber.PublishAsync(RedisChannel.Literal(_channels.Tasks), json);

    public Task Publish(JsonObject message) => Publish(message.ToJsonString());

    public Task PublishStatus(JsonObject message) => _subscriber.PublishAsync(RedisChannel.Literal(_channels.Status), message.ToJsonString());

    public IReadOnlyList<Received> For(string taskId) => [.. _received.Where(m => m.TaskId == taskId)];

    public IReadOnlyList<Received> Results(string taskId) => [.. For(taskId).Where(m => m.Channel == _channels.Results)];

    public IReadOnlyList<Received> Statuses(string taskId) => [.. For(taskId).Where(m => m.Channel == _channels.Status)];

    /// <summary>The first message about the task that matches, waiting for it if it has not come yet.</summary>
    public async Task<Received> WaitFor(string taskId, Func<Received, bool> match, string what, TimeSpan? timeout = null)
    {
        var found = await Eventually.Until(() => Task.FromResult(For(taskId).FirstOrDefault(match)), m => m is not null,
            $"{what} for task {taskId} (received: {string.Join(" | ", For(taskId))})", timeout);
        return found!;
    }

    public Task<Received> WaitForResult(string taskId, TimeSpan? timeout = null) =>
        WaitFor(taskId, m => m.Channel == _channels.Results, "a result", timeout);

    public async ValueTask DisposeAsync()
    {
        await _subscriber.UnsubscribeAsync(RedisChannel.Literal(_channels.Results));
        await _subscriber.UnsubscribeAsync(RedisChannel.Literal(_channels.Status));
        foreach (var channel in _more)
        {
            await _subscriber.UnsubscribeAsync(RedisChannel.Literal(channel));
        }
    }
}
