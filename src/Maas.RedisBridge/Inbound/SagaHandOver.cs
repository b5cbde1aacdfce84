using Maas.Contracts.Faults;
using Maas.Contracts.Wire;
using Maas.RedisBridge.Outbound;
using MassTransit.Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Maas.RedisBridge.Inbound;

/// <summary>
/// Hands a request (or cancel) to the saga, and answers the platform itself when the saga cannot take it: a value the
/// database refuses is <c>invalid_input</c>; while the database is away the request is held and tried again for
/// <c>DATABASE_OUTAGE_GRACE_SECONDS</c>, giving its share of the inbound concurrency back between tries, then answered
/// <c>system_error</c> naming the database. At most <see cref="MaxHeld"/> are held at once; any more are answered at once.
/// </summary>
internal sealed partial class SagaHandOver(
    IMediator mediator,
    RedisPublisher publisher,
    IOptions<RedisBridgeOptions> options,
    TimeProvider clock,
    ILogger<SagaHandOver> logger)
{
    /// <summary>Requests held at once while the database is away (each costs its command and a timer).</summary>
    public const int MaxHeld = 10_000;

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);

    private int _held;

    /// <summary>Requests held now because the database is away.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Hands a command to the saga; answers the platform itself when the saga cannot take it. True when taken.</summary>
    public async Task<bool> Send<T>(string taskId, T command, string requestKey, DateTimeOffset receivedAt, InboundSlot slot, CancellationToken stopping)
        where T : class
    {
        var grace = TimeSpan.FromSeconds(Math.Max(0, options.Value.DatabaseOutageGraceSeconds));
        var deadline = receivedAt + grace;
        var pause = FirstPause;
        var held = false;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                DatabaseFault fault;
                Exception failure;
                try
                {
                    // Not cancelled by the stop: a hand-over under way finishes (the subscriber waits for it).
                    await mediator.Send(command, CancellationToken.None);
                    if (held)
                    {
                        LogTakenIn(taskId, attempt);
                    }

                    return true;
                }
                catch (Exception e) when (!stopping.IsCancellationRequested)
                {
                    fault = DatabaseFault.Of(e);
                    failure = e;
                }

                if (fault.Kind == DatabaseFaultKind.Permanent)
                {
                    LogRefusedByDatabase(taskId, fault.ErrorCode, failure);
                    await publisher.Publish(options.Value.ResultChannel,
                        WireMessages.Rejected(taskId, requestKey, $"The database refused the request's data ({fault.ErrorCode})",
                            [new ValidationError("data", $"Cannot be stored: {fault.Message}")], clock.GetUtcNow()),
                        WireJsonContext.Default.WireMessageTaskFailedData);
                    return false;
                }

                var now = clock.GetUtcNow();
                if (fault.Kind == DatabaseFaultKind.Transient && now < deadline && (held || TryHold()))
                {
                    if (!held)
                    {
                        held = true;
                        LogHeld(taskId, fault.ErrorCode, grace.TotalSeconds);
                    }

                    slot.Release();
                    var wait = pause < deadline - now ? pause : deadline - now;
                    try
                    {
                        await Task.Delay(wait, clock, stopping);
                    }
                    catch (OperationCanceledException)
                    {
                        LogGaveUpAtStop(taskId);
                        return false;
                    }

                    if (!await slot.Retake(stopping))
                    {
                        LogGaveUpAtStop(taskId);
                        return false;
                    }

                    pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
                    continue;
                }

                // The saga could not record the command: tell the platform now rather than never.
                LogSendFailed(taskId, fault.ErrorCode, failure);
                var details = new SystemDetails(fault.InDatabase ? "database" : "engine", fault.ErrorCode);
                await publisher.Publish(options.Value.ResultChannel,
                    WireMessages.SystemError(taskId, requestKey, $"The engine could not accept the task: {fault.Message}", details, now),
                    WireJsonContext.Default.WireMessageTaskFailedData);
                return false;
            }
        }
        finally
        {
            if (held)
            {
                Interlocked.Decrement(ref _held);
            }
        }
    }

    private bool TryHold()
    {
        if (Interlocked.Increment(ref _held) <= MaxHeld)
        {
            return true;
        }

        Interlocked.Decrement(ref _held);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not accept task {TaskId} ({ErrorCode}); answered system_error")]
    private partial void LogSendFailed(string taskId, string errorCode, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database refused the data of task {TaskId} ({ErrorCode}); answered invalid_input")]
    private partial void LogRefusedByDatabase(string taskId, string errorCode, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database away ({ErrorCode}): holding task {TaskId} for up to {GraceSeconds}s")]
    private partial void LogHeld(string taskId, string errorCode, double graceSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} taken in after the database came back (try {Attempt})")]
    private partial void LogTakenIn(string taskId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The engine stopped while task {TaskId} was held; not taken in here")]
    private partial void LogGaveUpAtStop(string taskId);
}
