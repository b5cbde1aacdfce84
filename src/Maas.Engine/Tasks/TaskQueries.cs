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
