using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Maas.RedisBridge.Diagnostics;
using StackExchange.Redis;

namespace Maas.RedisBridge.Outbound;

/// <summary>Writes wire messages as UTF-8 JSON and PUBLISHes them; the one place the bridge writes to Redis pub/sub.</summary>
internal sealed class RedisPublisher(IConnectionMultiplexer redis)
{
    /// <summary>Publishes; with a span in the task's run (<paramref name="traceParent"/>) when someone listens.</summary>
    public Task<long> Publish<T>(string channel, T message, JsonTypeInfo<T> typeInfo, string? taskId = null, string? traceParent = null)
    {
        var caller = Activity.Current;
        var span = BridgeTelemetry.Publish(channel, taskId, traceParent);
        var body = JsonSerializer.SerializeToUtf8Bytes(message, typeInfo);
        var sent = redis.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), body);
        if (span is null)
        {
            return sent;
        }

        // The span ends when the publish does, elsewhere: the caller goes on under its own span, not this one.
        Activity.Current = caller;
        return Traced(sent, span);
    }

    private static async Task<long> Traced(Task<long> sent, Activity span)
    {
        using (span)
        {
            try
            {
                return await sent;
            }
            catch (Exception e)
            {
                span.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
                throw;
            }
        }
    }
}
