using Maas.Contracts.Messages;
using Maas.Contracts.Wire;
using Maas.RedisBridge.Diagnostics;
using Maas.RedisBridge.Outbound;
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
/// the one ordering that matters (one task's execute before its cancel) is restored by <see cref="CancelMemory"/>.
/// While the database is away a request is held (<see cref="SagaHandOver"/>), giving its share of the concurrency back
/// between tries (<see cref="InboundSlot"/>), so held requests never stop either channel's reading.
/// Nothing escapes a handling unobserved: every failure is logged with the task id, and the message is answered or
/// kept as a dead letter.
/// </summary>
internal sealed partial class InboundSubscriber(
    IConnectionMultiplexer redis,
    SagaHandOver handOver,
    RedisPublisher publisher,
    DeadLetters deadLetters,
    CancelMemory cancels,
    IOptions<RedisBridgeOptions> options,
    TimeProvider clock,
    ILogger<InboundSubscriber> logger) : BackgroundService
{
    private long _received;
    private CancellationToken _stopping;

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Requests held now because the database is away.</summary>
    public int Held => handOver.Held;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
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

            // Let handlings already started finish before the mediator goes away (held ones give up on the stop).
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
                _ = HandleAndRelease(message, new InboundSlot(inFlight));
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

    // Nobody awaits this task: it must observe everything itself.
    private async Task HandleAndRelease(ChannelMessage message, InboundSlot slot)
    {
        var channel = message.Channel.ToString();
        try
        {
            await Handle(channel, (ReadOnlyMemory<byte>)message.Message, slot);
        }
        catch (Exception e)
        {
            LogUnobserved(channel, e);
        }
        finally
        {
            slot.Release();
        }
    }

    private async Task Handle(string channel, ReadOnlyMemory<byte> body, InboundSlot slot)
    {
        Interlocked.Increment(ref _received);
        var now = clock.GetUtcNow();
        InboundMessage inbound;
        try
        {
            inbound = InboundMessageReader.Read(body.Span, options.Value.MaxMessageBytes, now);
        }
        catch (Exception e)
        {
            // The reader never throws by design; should it ever, the message is still kept.
            LogReaderFailed(channel, e);
            inbound = new InboundMessage.Unreadable($"the reader failed: {e.GetType().Name}: {e.Message}");
        }

        using var span = BridgeTelemetry.Receive(channel, inbound);

        try
        {
            switch (inbound)
            {
                case InboundMessage.Execute execute:
                    await Execute(execute, now, slot);
                    break;
                case InboundMessage.Cancel cancel:
                    await Cancel(cancel, now, slot);
                    break;
                case InboundMessage.Invalid invalid:
                    LogRejected(invalid.TaskId, invalid.ErrorMessage);
                    await publisher.Publish(options.Value.ResultChannel,
                        WireMessages.Rejected(invalid.TaskId, invalid.RequestKey, invalid.ErrorMessage, invalid.Errors, now),
                        WireJsonContext.Default.WireMessageTaskFailedData);
                    break;
                case InboundMessage.Unreadable unreadable:
                    LogUnreadable(channel, unreadable.Reason, DeadLetters.LogExcerpt(body.Span));
                    await deadLetters.Keep(channel, body, unreadable.Reason);
                    break;
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Redis is where the answer would go: nothing more can be sent about this message now.
            LogRedisTrouble(channel, TaskIdOf(inbound), e);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            LogDroppedAtStop(TaskIdOf(inbound));
        }
        catch (Exception e)
        {
            LogHandlingFailed(channel, TaskIdOf(inbound), e);
            await KeepAfterFailure(channel, body, inbound, e);
        }
    }

    private async Task Execute(InboundMessage.Execute execute, DateTimeOffset receivedAt, InboundSlot slot)
    {
        var command = BridgeTelemetry.InRun(execute.Command);
        if (cancels.CancelFor(command.TaskId, command.RequestedAt) is { } reason)
        {
            command = command with { CancelledOnArrival = reason };
        }

        if (!await handOver.Send(command.TaskId, command, execute.RequestKey, receivedAt, slot, _stopping))
        {
            return;
        }

        // A cancel remembered while the request was being taken in found no task then, and a request taken in cancelled
        // may have met a row another instance had just queued: the task exists now, so the cancel is sent to it
        // (a task already cancelled ignores it).
        if (cancels.CancelFor(command.TaskId, command.RequestedAt) is { } late)
        {
            await handOver.Send(command.TaskId, new CancelTask(command.TaskId, late), execute.RequestKey, receivedAt, slot, _stopping);
        }
    }

    private Task<bool> Cancel(InboundMessage.Cancel cancel, DateTimeOffset receivedAt, InboundSlot slot)
    {
        // Remembered before it is sent: a request handled from now on carries it (see Execute).
        cancels.Remember(cancel.Command.TaskId, cancel.SentAt, cancel.Command.Reason);
        return handOver.Send(cancel.Command.TaskId, cancel.Command, cancel.RequestKey, receivedAt, slot, _stopping);
    }

    // The last resort after a failure nobody foresaw: answer when there is a task to name, keep the message otherwise.
    private async Task KeepAfterFailure(string channel, ReadOnlyMemory<byte> body, InboundMessage inbound, Exception failure)
    {
        try
        {
            if (inbound is InboundMessage.Execute execute)
            {
                await publisher.Publish(options.Value.ResultChannel,
                    WireMessages.SystemError(execute.Command.TaskId, execute.RequestKey, $"The engine failed while taking the task in: {failure.Message}",
                        new SystemDetails("engine", failure.GetType().Name), clock.GetUtcNow()),
                    WireJsonContext.Default.WireMessageTaskFailedData);
            }
            else
            {
                await deadLetters.Keep(channel, body, $"handling failed: {failure.GetType().Name}: {failure.Message}");
            }
        }
        catch (Exception e)
        {
            LogUnobserved(channel, e);
        }
    }

    private static string? TaskIdOf(InboundMessage inbound) => inbound switch
    {
        InboundMessage.Execute execute => execute.Command.TaskId,
        InboundMessage.Cancel cancel => cancel.Command.TaskId,
        InboundMessage.Invalid invalid => invalid.TaskId,
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on Redis channels {Channels}")]
    private partial void LogSubscribed(string channels);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot subscribe to {Channel} yet (try {Attempt}); Redis unreachable")]
    private partial void LogSubscribeRetry(string channel, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected task {TaskId}: {Reason}")]
    private partial void LogRejected(string taskId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unanswerable message on {Channel} kept as a dead letter: {Reason}; starts with {Excerpt}")]
    private partial void LogUnreadable(string channel, string reason, string excerpt);





    [LoggerMessage(Level = LogLevel.Warning, Message = "The engine stopped while handling a message about task {TaskId}; not taken in here")]
    private partial void LogDroppedAtStop(string? taskId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis failed while handling a message from {Channel} about task {TaskId}")]
    private partial void LogRedisTrouble(string channel, string? taskId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a message from {Channel} about task {TaskId} failed")]
    private partial void LogHandlingFailed(string channel, string? taskId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The reader failed on a message from {Channel}; it is kept as a dead letter")]
    private partial void LogReaderFailed(string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "A failure escaped the handling of a message from {Channel}")]
    private partial void LogUnobserved(string channel, Exception exception);
}
