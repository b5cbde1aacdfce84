using Maas.Contracts.Wire;
using Maas.RedisBridge.Outbound;
using MassTransit.Mediator;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Maas.RedisBridge.Inbound;

/// <summary>
/// Subscribes to the task and status channels and hands each message to the mediator.
/// Ordering decision: messages are <em>read</em> in order from one ordered queue per channel, then <em>handled</em>
/// concurrently, up to <c>REDIS_INBOUND_CONCURRENCY</c> at a time. Each handling is a saga transition in PostgreSQL
/// (milliseconds), so handling in order would cap the engine at a few hundred tasks a second. Tasks are independent;
/// the one ordering that matters (one task's execute before its cancel) is the platform's to keep, and a cancel
/// that arrives first finds no task and is dropped.
/// </summary>
internal sealed partial class InboundSubscriber(
    IConnectionMultiplexer redis,
    IMediator mediator,
    RedisPublisher publisher,
    DeadLetters deadLetters,
    IOptions<RedisBridgeOptions> options,
    TimeProvider clock,
    ILogger<InboundSubscriber> logger) : BackgroundService
{
    private long _received;

    public long Received => Interlocked.Read(ref _received);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var inFlight = new SemaphoreSlim(settings.InboundConcurrency);
        var subscriber = redis.GetSubscriber();
        var channels = new[] { settings.TaskChannel, settings.StatusChannel };
        var queues = new List<ChannelMessageQueue>();
        foreach (var channel in channels)
        {
            queues.Add(await SubscribeWhenReachable(subscriber, channel, stoppingToken));
        }

        LogSubscribed(string.Join(", ", channels));
        try
        {
            await Task.WhenAll(queues.Select(q => Pump(q, inFlight, stoppingToken)));
        }
        finally
        {
            foreach (var queue in queues)
            {
                await queue.UnsubscribeAsync();
            }

            // Let handlings already started finish before the mediator goes away.
            for (var i = 0; i < settings.InboundConcurrency; i++)
            {
                await inFlight.WaitAsync(CancellationToken.None);
            }
        }
    }

    private async Task<ChannelMessageQueue> SubscribeWhenReachable(ISubscriber subscriber, string channel, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await subscriber.SubscribeAsync(RedisChannel.Literal(channel));
            }
            catch (Exception e) when (e is RedisException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                LogSubscribeRetry(channel, attempt, e);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, attempt)), clock, stoppingToken);
            }
        }
    }

    private async Task Pump(ChannelMessageQueue queue, SemaphoreSlim inFlight, CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var message = await queue.ReadAsync(stoppingToken);
                await inFlight.WaitAsync(stoppingToken);
                _ = HandleAndRelease(message, inFlight);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            // Unsubscribed during shutdown.
        }
    }

    private async Task HandleAndRelease(ChannelMessage message, SemaphoreSlim inFlight)
    {
        try
        {
            await Handle(message.Channel.ToString(), (ReadOnlyMemory<byte>)message.Message);
        }
        finally
        {
            inFlight.Release();
        }
    }

    internal async Task Handle(string channel, ReadOnlyMemory<byte> body)
    {
        Interlocked.Increment(ref _received);
        var now = clock.GetUtcNow();
        var inbound = InboundMessageReader.Read(body.Span, options.Value.MaxMessageBytes, now);
        try
        {
            switch (inbound)
            {
                case InboundMessage.Execute execute:
                    await Send(execute.Command.TaskId, execute.Command);
                    break;
                case InboundMessage.Cancel cancel:
                    await Send(cancel.Command.TaskId, cancel.Command);
                    break;
                case InboundMessage.Invalid invalid:
                    LogRejected(invalid.TaskId, invalid.ErrorMessage);
                    await publisher.Publish(options.Value.ResultChannel,
                        WireMessages.Rejected(invalid.TaskId, invalid.ErrorMessage, invalid.Errors, now),
                        WireJsonContext.Default.WireMessageTaskFailedData);
                    break;
                case InboundMessage.Unreadable unreadable:
                    LogUnreadable(channel, unreadable.Reason, DeadLetters.Excerpt(body.Span));
                    await deadLetters.Keep(channel, body, unreadable.Reason);
                    break;
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogRedisTrouble(channel, e);
        }
    }

    private async Task Send<T>(string taskId, T command)
        where T : class
    {
        try
        {
            await mediator.Send(command);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The saga could not record the request (its database is away, say): tell the platform now rather than never.
            LogSendFailed(taskId, e);
            var details = new SystemDetails(IsDatabaseTrouble(e) ? "database" : "engine", ErrorCode(e));
            await publisher.Publish(options.Value.ResultChannel,
                WireMessages.SystemError(taskId, $"The engine could not accept the task: {Innermost(e).Message}", details, clock.GetUtcNow()),
                WireJsonContext.Default.WireMessageTaskFailedData);
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    private static bool IsDatabaseTrouble(Exception e) =>
        Innermost(e).GetType().Namespace?.StartsWith("Npgsql", StringComparison.Ordinal) == true
        || e.GetType().Namespace?.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) == true
        || Innermost(e) is System.Net.Sockets.SocketException;

    private static string ErrorCode(Exception e) => Innermost(e) switch
    {
        TimeoutException => "connection_timeout",
        System.Net.Sockets.SocketException => "connection_refused",
        var inner => inner.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on Redis channels {Channels}")]
    private partial void LogSubscribed(string channels);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot subscribe to {Channel} yet (try {Attempt}); Redis unreachable")]
    private partial void LogSubscribeRetry(string channel, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected task {TaskId}: {Reason}")]
    private partial void LogRejected(string taskId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unanswerable message on {Channel} kept as a dead letter: {Reason}; starts with {Excerpt}")]
    private partial void LogUnreadable(string channel, string reason, string excerpt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not accept task {TaskId}")]
    private partial void LogSendFailed(string taskId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis failed while handling a message from {Channel}")]
    private partial void LogRedisTrouble(string channel, Exception exception);
}
