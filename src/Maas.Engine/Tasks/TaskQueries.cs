using Maas.Engine.Persistence;
using Npgsql;

namespace Maas.Engine.Tasks;

/// <summary>Read-only views of saga rows for the operator API, one round trip each (the SQL is in <see cref="TaskStateTable"/>).</summary>
public sealed class TaskQueries(NpgsqlDataSource dataSource)
{
    public Task<TaskState?> Find(string taskId, CancellationToken cancellationToken) =>
        TaskStateTable.FindByTaskId(dataSource, taskId, cancellationToken);

    /// <summary>Counts over every task, in one pass over the table.</summary>
    public Task<TaskTotals> Totals(CancellationToken cancellationToken) => TaskStateTable.Totals(dataSource, cancellationToken);

    /// <summary>Tasks waiting for or running on a worker, oldest first.</summary>
    public Task<IReadOnlyList<TaskState>> Unfinished(int limit, CancellationToken cancellationToken) =>
        TaskStateTable.FindUnfinished(dataSource, limit, cancellationToken);
}
