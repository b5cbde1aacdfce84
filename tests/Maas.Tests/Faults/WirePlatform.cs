using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maas.Tests.Infrastructure;
using StackExchange.Redis;

namespace Maas.Tests.Faults;

/// <summary>
/// Plays the platform on the private Redis: publishes requests and counts, per task id, every final result and every
/// attempt start the engine announces. Its connection reconnects and resubscribes by itself after a Redis restart; what
/// is published while it is away is lost to it, as to the real platform.
/// </summary>
internal sealed class WirePlatform : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _redis;
    private readonly ConcurrentDictionary<string, TaskOnWire> _tasks = new(StringComparer.Ordinal);
    private long _lastMessageTicks = DateTime.UtcNow.Ticks;
    private long _unparsed;

    private WirePlatform(ConnectionMultiplexer redis, Channels channels)
    {
        _redis = redis;
        Channels = channels;
    }

    public Channels Channels { get; }

    public string DeadLetterKey => Channels.Tasks + ":dead_letters";

    /// <summary>Messages on the result and status channels that were not JSON objects (the engine should send none).</summary>
    public long Unparsed => Interlocked.Read(ref _unparsed);

    public DateTime LastMessageAt => new(Interlocked.Read(ref _lastMessageTicks), DateTimeKind.Utc);

    public IDatabase Database => _redis.GetDatabase();

    public static async Task<WirePlatform> Connect(PrivateRedis redis, Channels channels)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var options = ConfigurationOptions.Parse($"127.0.0.1:{redis.Port}");
        options.AbortOnConnectFail = false;
        options.ReconnectRetryPolicy = new LinearRetry(100);
        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        var platform = new WirePlatform(connection, channels);
        var subscriber = connection.GetSubscriber();
        await subscriber.SubscribeAsync(RedisChannel.Literal(channels.Results), (_, m) => platform.Record(m, final: true));
        await subscriber.SubscribeAsync(RedisChannel.Literal(channels.Status), (_, m) => platform.Record(m, final: false));
        return platform;
    }

    /// <summary>Publishes a request; the number of subscribers that received it (0 while Redis is away or nobody listens).</summary>
    public async Task<long> Publish(RedisValue message)
    {
        try
        {
            return await Database.PublishAsync(RedisChannel.Literal(Channels.Tasks), message);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return 0;
        }
    }

    /// <summary>How many engines listen on the task channel.</summary>
    public async Task<long> EngineSubscribers()
    {
        try
        {
            var result = await Database.ExecuteAsync("PUBSUB", "NUMSUB", Channels.Tasks);
            return (long)((RedisResult[])result!)[1];
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return 0;
        }
    }

    public TaskOnWire For(string taskId) => _tasks.GetOrAdd(taskId, _ => new TaskOnWire());

    public bool Heard(string taskId) => _tasks.ContainsKey(taskId);

    /// <summary>Whether a final result (<c>task_completed</c> or <c>task_failed</c>) of the task has been heard.</summary>
    public bool HeardFinal(string taskId) => _tasks.TryGetValue(taskId, out var task) && !task.Finals.IsEmpty;

    public async ValueTask DisposeAsync()
    {
        await _redis.GetSubscriber().UnsubscribeAllAsync();
        await _redis.DisposeAsync();
    }

    private void Record(RedisValue body, bool final)
    {
        Interlocked.Exchange(ref _lastMessageTicks, DateTime.UtcNow.Ticks);
        JsonObject? message;
        try
        {
            message = JsonNode.Parse((string)body!) as JsonObject;
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message?["task_id"] is not JsonValue id || !id.TryGetValue<string>(out var taskId))
        {
            Interlocked.Increment(ref _unparsed);
            return;
        }

        var data = message["data"] as JsonObject;
        var task = For(taskId);
        if (final)
        {
            task.Finals.Enqueue(new FinalOnWire((string?)message["message_type"] ?? "?", (string?)data?["error_type"], (string?)message["message_id"]));
        }
        else if ((string?)data?["status"] == "IN_PROGRESS" && ((string?)data["current_step"])?.StartsWith("Running on agent", StringComparison.Ordinal) == true)
        {
            Interlocked.Increment(ref task.Starts);
        }
    }
}
