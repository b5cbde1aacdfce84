using Maas.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Maas.Engine.Tasks;

/// <summary>Read-only views of saga rows for the operator API; untracked, one round trip each.</summary>
public sealed class TaskQueries(IDbContextFactory<EngineDbContext> dbContextFactory)
{
    public async Task<TaskState?> Find(string taskId, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.TaskId == taskId, cancellationToken);
    }

    /// <summary>Counts over every task, in one pass over the table.</summary>
    public async Task<TaskTotals> Totals(CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var totals = await db.Database.SqlQueryRaw<TaskTotals>(
            $"""
            SELECT count(*) FILTER (WHERE current_state = 'Completed') AS "Completed",
                   count(*) FILTER (WHERE current_state = 'Failed') AS "Failed",
                   count(*) FILTER (WHERE current_state = 'InProgress') AS "InProgress",
                   coalesce(avg(extract(epoch FROM finished_at - started_at)) FILTER (WHERE current_state = 'Completed'), 0)::float8 AS "AverageSeconds"
            FROM {EngineDbContext.Schema}.task_state
            """).ToListAsync(cancellationToken);
        return totals[0];
    }

    /// <summary>Tasks waiting for or running on a worker, oldest first.</summary>
    public async Task<IReadOnlyList<TaskState>> Unfinished(int limit, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tasks.AsNoTracking()
            .Where(t => t.CurrentState == "Queued" || t.CurrentState == "InProgress")
            .OrderBy(t => t.CreatedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }
}
