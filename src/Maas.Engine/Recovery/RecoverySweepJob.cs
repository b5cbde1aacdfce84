using Maas.Contracts.Messages;
using Maas.Engine.Persistence;
using Maas.Engine.Tasks;
using MassTransit.Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace Maas.Engine.Recovery;

/// <summary>
/// What keeps a crash from losing a task. Every instance runs this on a Quartz timer: it records its own heartbeat,
/// then, if it wins a PostgreSQL advisory lock (so one instance sweeps at a time), it
/// <list type="bullet">
/// <item>hands every Queued or InProgress task held by an instance that stopped beating to the saga as
/// <see cref="RecoverTask"/> (queued again here, or its attempt counted as failed and retried), and</item>
/// <item>publishes again every final result that has not reached Redis (its row says so).</item>
/// </list>
/// Each takeover is a saga transition, so two sweepers racing on one task cannot both win it.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class RecoverySweepJob(
    NpgsqlDataSource dataSource,
    IDbContextFactory<EngineDbContext> dbContextFactory,
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
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await Beat(connection, settings.InstanceId, cancellationToken);
            if (!await TryLock(connection, cancellationToken))
            {
                return;
            }

            try
            {
                await TakeOverLostTasks(connection, settings, cancellationToken);
                await PublishUnpublishedResults(settings, cancellationToken);
            }
            finally
            {
                await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({SweepLockKey})", connection);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        catch (Exception e) when (e is NpgsqlException or DbUpdateException or TimeoutException)
        {
            // The database is away: nothing to sweep with; the next run tries again.
            LogSweepFailed(e);
        }
    }

    private async Task Beat(NpgsqlConnection connection, string instanceId, CancellationToken cancellationToken)
    {
        await using var beat = new NpgsqlCommand(
            $"""
            INSERT INTO {EngineDbContext.Schema}.engine_instance (instance_id, started_at, last_seen_at) VALUES ($1, $2, $2)
            ON CONFLICT (instance_id) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at
            """, connection);
        beat.Parameters.Add(new NpgsqlParameter { Value = instanceId });
        beat.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        await beat.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> TryLock(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({SweepLockKey})", connection);
        return (bool)(await take.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task TakeOverLostTasks(NpgsqlConnection connection, EngineOptions settings, CancellationToken cancellationToken)
    {
        await using var find = new NpgsqlCommand(
            $"""
            SELECT t.correlation_id, t.owner_instance
            FROM {EngineDbContext.Schema}.task_state t
            WHERE t.current_state IN ('Queued', 'InProgress')
              AND t.owner_instance IS NOT NULL
              AND t.owner_instance <> $1
              AND NOT EXISTS (SELECT 1 FROM {EngineDbContext.Schema}.engine_instance i
                              WHERE i.instance_id = t.owner_instance AND i.last_seen_at > $2)
            LIMIT {BatchSize}
            """, connection);
        find.Parameters.Add(new NpgsqlParameter { Value = settings.InstanceId });
        find.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow().AddSeconds(-settings.InstanceTtlSeconds) });

        var lost = new List<RecoverTask>();
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                lost.Add(new RecoverTask(reader.GetGuid(0), reader.GetString(1)));
            }
        }

        foreach (var task in lost)
        {
            LogTakingOver(task.CorrelationId, task.LostInstance);
            await mediator.Send(task, cancellationToken);
        }
    }

    private async Task PublishUnpublishedResults(EngineOptions settings, CancellationToken cancellationToken)
    {
        var finishedBefore = clock.GetUtcNow().AddSeconds(-settings.ResultRedeliveryAfterSeconds);
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var unpublished = await db.Tasks.AsNoTracking()
            .Where(t => t.ResultPublishedAt == null && t.FinishedAt < finishedBefore && (t.CurrentState == "Completed" || t.CurrentState == "Failed"))
            .OrderBy(t => t.FinishedAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        foreach (var task in unpublished)
        {
            LogRepublishing(task.TaskId);
            if (task.CurrentState == "Completed")
            {
                await mediator.Publish(task.ToCompleted(), cancellationToken);
            }
            else
            {
                await mediator.Publish(task.ToFailed(), cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Taking over task {CorrelationId} from engine instance {Instance}, which stopped beating")]
    private partial void LogTakingOver(Guid correlationId, string instance);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publishing the result of task {TaskId} again: it did not reach Redis")]
    private partial void LogRepublishing(string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovery sweep failed; it runs again at its next interval")]
    private partial void LogSweepFailed(Exception exception);
}
