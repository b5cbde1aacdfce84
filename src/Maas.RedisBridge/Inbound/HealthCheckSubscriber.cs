using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Maas.RedisBridge.Inbound;

/// <summary>
/// Listens on the health channel and turns each <c>health_check</c> into a <see cref="HealthCheckRequests"/> signal.
/// Apart from the task channels on purpose: a check must be answered even while requests are held through a
/// database outage, and it needs no saga, no answer on the result channel and no dead letter.
/// </summary>
internal sealed partial class HealthCheckSubscriber(
    IConnectionMultiplexer redis,
    HealthCheckRequests requests,
    IOptions<RedisBridgeOptions> options,
    TimeProvider clock,
    ILogger<HealthCheckSubscriber> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var channel = options.Value.HealthChannel;
        var queue = await SubscribeWhenReachable(channel, stoppingToken);
        if (queue is null)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var message = await queue.ReadAsync(stoppingToken);
                Handle(channel, (ReadOnlyMemory<byte>)message.Message);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            // Unsubscribed during shutdown.
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }

    private void Handle(string channel, ReadOnlyMemory<byte> body)
    {
        switch (HealthCheckReader.Read(body.Span))
        {
            case HealthCheckMessage.Request request:
                LogRequested(request.Source, request.MessageId);
                requests.Signal();
                break;
            case HealthCheckMessage.Ignored ignored:
                LogIgnored(channel, ignored.Reason);
                break;
            case HealthCheckMessage.Malformed malformed:
                LogMalformed(channel, malformed.Reason);
                break;
        }
    }

    private async Task<ChannelMessageQueue?> SubscribeWhenReachable(string channel, CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                return await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel));
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                LogSubscribeRetry(channel, attempt, e);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, attempt)), clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Health check from {Source} ({MessageId}): publishing this instance's system status")]
    private partial void LogRequested(string? source, string? messageId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Message on {Channel} ignored: {Reason}")]
    private partial void LogIgnored(string channel, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed message on the health channel {Channel} ignored: {Reason}")]
    private partial void LogMalformed(string channel, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot subscribe to {Channel} yet (try {Attempt}); Redis unreachable")]
    private partial void LogSubscribeRetry(string channel, int attempt, Exception exception);
}
