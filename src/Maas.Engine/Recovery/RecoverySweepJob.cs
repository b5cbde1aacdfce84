using Maas.Contracts.Messages;
using Maas.Engine.Execution;
using Maas.Engine.Persistence;
using Maas.Engine.Tasks;
using MassTransit;
using MassTransit.Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace Maas.Engine.Recovery;

/// <summary>
/// What keeps a crash or a lost timer from losing a task. Every instance runs this on a Quartz timer: it records its
/// own heartbeat (under its owner name, <see cref="EngineOptions.Owner"/>), fires again its own timers that are
/// overdue, queues again its own queued tasks that its workers lost hold of, and publishes again its own results that
/// did not reach Redis; then, if it wins a PostgreSQL advisory lock
/// (so one instance sweeps at a time), it
/// <list type="bullet">
/// <item>hands every Queued or InProgress task held by an owner that stopped beating (another instance, or this
/// instance's previous process) to the saga as <see cref="RecoverTask"/> (queued again here, or its attempt counted as
/// failed and retried), and</item>
/// <item>publishes again every final result that no live instance holds and that has not reached Redis.</item>
/// </list>
/// Each takeover and each re-fired timer is a saga transition, so two sweepers racing on one task cannot both win it.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class RecoverySweepJob(
    NpgsqlDataSource dataSource,
    PublishedResultsWriter publishedResults,
    ResultsInFlight resultsInFlight,
    TaskBacklog backlog,
    IMediator mediator,
    IOptions<EngineOptions> options,
    TimeProvider clock,
    ILogger<RecoverySweepJob> logger) : IJob
{
    public static readonly JobKey Key = new("recovery-sweep", "maas-engine");

    // "maas ai_engine sweep" in spirit; any fixed number distinct from the migration lock.
    private const long SweepLockKey = 0x6D61617373776565;

    private const int BatchSize = 500;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var owner = settings.Owner;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await Beat(connection, owner, cancellationToken);
            await FireOverdueTimers(connection, settings, cancellationToken);
            await RequeueStranded(connection, settings, cancellationToken);

            var sweeper = await TryLock(connection, cancellationToken);
            try
            {
                if (sweeper)
                {
                    await TakeOverLostTasks(connection, settings, cancellationToken);
                    await ForgetSilentInstances(connection, cancellationToken);
                }

                await PublishUnpublishedResults(connection, settings, sweeper, cancellationToken);
            }
            finally
            {
                if (sweeper)
                {
                    await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({SweepLockKey})", connection);
                    await unlock.ExecuteNonQueryAsync(CancellationToken.None);
                }
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // The database is away: nothing to sweep with; the next run tries again.
            LogSweepFailed(e);
        }
    }

    private async Task Beat(NpgsqlConnection connection, string owner, CancellationToken cancellationToken)
    {
        await using var beat = new NpgsqlCommand(
            $"""
            INSERT INTO {EngineDbContext.Schema}.engine_instance (instance_id, started_at, last_seen_at) VALUES ($1, $2, $2)
            ON CONFLICT (instance_id) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at
            """, connection);
        beat.Parameters.Add(new NpgsqlParameter { Value = owner });
        beat.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        await beat.ExecuteNonQueryAsync(cancellationToken);
    }

    // A heartbeat row is only ever read as "this owner is alive"; a missing row reads as dead, like a stale one. So the
    // row of an instance silent this long says nothing a missing row would not, and goes, or every restart would leave
    // one behind for good.
    private static readonly TimeSpan SilentInstanceRetention = TimeSpan.FromDays(1);

    private async Task ForgetSilentInstances(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var forget = new NpgsqlCommand($"DELETE FROM {EngineDbContext.Schema}.engine_instance WHERE last_seen_at < $1", connection);
        forget.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() - SilentInstanceRetention });
        var forgotten = await forget.ExecuteNonQueryAsync(cancellationToken);
        if (forgotten > 0)
        {
            LogInstancesForgotten(forgotten, SilentInstanceRetention.TotalHours);
        }
    }

    private static async Task<bool> TryLock(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({SweepLockKey})", connection);
        return (bool)(await take.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// A timer should fire at its row's <c>deadline_at</c> or <c>retry_at</c>; one overdue by the instance TTL was lost
    /// (its Quartz trigger gave up while the database was away, say). It is sent again with the scheduling token the
    /// row holds, so MassTransit's check accepts it once: the first copy to arrive clears the token, and the lost
    /// trigger, should it fire after all, is then stale and dropped (as is this copy if the trigger fired first).
    /// </summary>
    private async Task FireOverdueTimers(NpgsqlConnection connection, EngineOptions settings, CancellationToken cancellationToken)
    {
        var dueBefore = clock.GetUtcNow().AddSeconds(-settings.InstanceTtlSeconds);
        foreach (var timer in await TaskStateTable.FindOverdue(connection, settings.Owner, dueBefore, BatchSize, cancellationToken))
        {
            LogFiringOverdueTimer(timer.CorrelationId, timer.Running ? "deadline" : "retry", timer.Attempt);
            object message = timer.Running
                ? new TaskTimeoutElapsed(timer.CorrelationId, timer.Attempt)
                : new TaskRetryDue(timer.CorrelationId, timer.Attempt);
            var token = timer.TokenId;
            await mediator.Send(message, message.GetType(), Pipe.Execute<SendContext>(c =>
            {
                if (token is { } id)
                {
                    c.Headers.Set(MessageHeaders.SchedulingTokenId, id);
                }
            }), cancellationToken);
        }
    }

    /// <summary>
    /// A row this instance holds as queued for a worker, yet neither in its backlog nor on a worker: its hand-over was
    /// lost (seen once under PostgreSQL restarts; a likely path is a commit whose answer was lost, taken for a failure,
    /// and a saga retry that found the row already queued). Stale by the instance TTL, it is queued again through the
    /// saga, which accepts it only while this instance still holds the row.
    /// </summary>
    private async Task RequeueStranded(NpgsqlConnection connection, EngineOptions settings, CancellationToken cancellationToken)
    {
        var staleBefore = clock.GetUtcNow().AddSeconds(-settings.InstanceTtlSeconds);
        foreach (var (correlationId, taskId) in await TaskStateTable.FindStranded(connection, settings.Owner, staleBefore, BatchSize, cancellationToken))
        {
            if (!backlog.Holds(taskId))
            {
                LogRequeueingStranded(taskId);
                await mediator.Send(new RecoverTask(correlationId, settings.Owner), cancellationToken);
            }
        }
    }

    private async Task TakeOverLostTasks(NpgsqlConnection connection, EngineOptions settings, CancellationToken cancellationToken)
    {
        var aliveSince = clock.GetUtcNow().AddSeconds(-settings.InstanceTtlSeconds);
        foreach (var task in await TaskStateTable.FindLost(connection, settings.Owner, aliveSince, BatchSize, cancellationToken))
        {
            LogTakingOver(task.CorrelationId, task.LostInstance);
            await mediator.Send(task, cancellationToken);
        }
    }

    /// <summary>
    /// This instance's own unpublished results (only while none of its marks is pending and none of its results is being
    /// delivered, or a result whose mark or publish is still on its way would go out twice); with the sweep lock, also
    /// those of owners that stopped beating.
    /// </summary>
    private async Task PublishUnpublishedResults(NpgsqlConnection connection, EngineOptions settings, bool sweeper, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var mine = publishedResults.Idle && resultsInFlight.None ? settings.Owner : "";
        if (mine.Length == 0 && !sweeper)
        {
            return;
        }

        var unpublished = await TaskStateTable.FindUnpublished(connection, now.AddSeconds(-settings.ResultRedeliveryAfterSeconds), mine, sweeper,
            now.AddSeconds(-settings.InstanceTtlSeconds), BatchSize, cancellationToken);
        foreach (var task in unpublished)
        {
            LogRepublishing(task.TaskId, task.OwnerInstance);
            if (task.CurrentState == TaskStateNames.Completed)
            {
                await mediator.Publish(task.ToCompleted(), cancellationToken);
            }
            else
            {
                await mediator.Publish(task.ToFailed(), cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} is queued in its row but not here; queuing it again")]
    private partial void LogRequeueingStranded(string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Taking over task {CorrelationId} from engine instance {Instance}, which stopped beating")]
    private partial void LogTakingOver(Guid correlationId, string instance);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Timer} timer of task {CorrelationId} (attempt {Attempt}) is overdue; firing it again")]
    private partial void LogFiringOverdueTimer(Guid correlationId, string timer, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publishing the result of task {TaskId} again (held by {Owner}): it did not reach Redis")]
    private partial void LogRepublishing(string taskId, string? owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovery sweep failed; it runs again at its next interval")]
    private partial void LogSweepFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} engine instances silent for more than {Hours} h")]
    private partial void LogInstancesForgotten(int count, double hours);
}
