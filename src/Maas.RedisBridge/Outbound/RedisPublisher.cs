using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StackExchange.Redis;

namespace Maas.RedisBridge.Outbound;

/// <summary>Writes wire messages as UTF-8 JSON and PUBLISHes them; the one place the bridge writes to Redis pub/sub.</summary>
internal sealed class RedisPublisher(IConnectionMultiplexer redis)
{
    public Task<long> Publish<T>(string channel, T message, JsonTypeInfo<T> typeInfo)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, typeInfo);
        return redis.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), body);
    }
}
