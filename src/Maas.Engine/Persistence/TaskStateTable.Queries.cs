using Maas.Contracts.Messages;
using Maas.Engine.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace Maas.Engine.Persistence;

/// <summary>The statements of the operator API, the recovery sweep and the published-result marks.</summary>
internal static partial class TaskStateTable
{
    private static readonly string SelectByTaskId = $"SELECT {ColumnList}, xmin FROM {Table} WHERE task_id = $1";

    private static readonly string SelectUnfinished =
        $"SELECT {ColumnList}, xmin FROM {Table} WHERE current_state IN {Unfinished} ORDER BY created_at LIMIT $1";

    private const string SelectTotals =
        $"""
        SELECT count(*) FILTER (WHERE current_state = '{TaskStateNames.Completed}'),
               count(*) FILTER (WHERE current_state = '{TaskStateNames.Failed}'),
               count(*) FILTER (WHERE current_state = '{TaskStateNames.InProgress}'),
               coalesce(avg(extract(epoch FROM finished_at - started_at)) FILTER (WHERE current_state = '{TaskStateNames.Completed}'), 0)::float8
        FROM {Table}
        """;

    /// <summary>$1: the owner asking (never its own tasks); $2: heartbeats older than this are dead; $3: limit.</summary>
    private const string SelectLost =
        $"""
        SELECT t.correlation_id, t.owner_instance FROM {Table} t
        WHERE t.current_state IN {Unfinished} AND t.owner_instance IS NOT NULL AND t.owner_instance <> $1
          AND NOT EXISTS (SELECT 1 FROM {Instances} i WHERE i.instance_id = t.owner_instance AND i.last_seen_at > $2)
        LIMIT $3
        """;

    /// <summary>
    /// Finished before $1 and not marked published. $2 is the owner asking: its own results always; with $4 (the
    /// sweeper) also those whose owner is none or has no heartbeat since $3, which no live instance will publish.
    /// </summary>
    private static readonly string SelectUnpublished =
        $"""
        SELECT {ColumnList}, xmin FROM {Table} t
        WHERE t.result_published_at IS NULL AND t.finished_at IS NOT NULL AND t.finished_at < $1 AND t.current_state IN {Finished}
          AND (t.owner_instance = $2 OR ($4 AND (t.owner_instance IS NULL
               OR NOT EXISTS (SELECT 1 FROM {Instances} i WHERE i.instance_id = t.owner_instance AND i.last_seen_at > $3))))
        ORDER BY t.finished_at LIMIT $5
        """;

    /// <summary>$1: the owner; $2: rows last changed before this are stale; $3: limit.</summary>
    private const string SelectStranded =
        $"""
        SELECT correlation_id, task_id FROM {Table}
        WHERE owner_instance = $1 AND current_state = '{TaskStateNames.Queued}' AND retry_at IS NULL AND updated_at < $2
        LIMIT $3
        """;

    /// <summary>$1: the owner; $2: timers due before this are overdue; $3: limit.</summary>
    private const string SelectOverdue =
        $"""
        SELECT correlation_id, current_state, attempt, timeout_token_id, retry_token_id FROM {Table}
        WHERE owner_instance = $1 AND current_state IN {Unfinished}
          AND ((current_state = '{TaskStateNames.InProgress}' AND deadline_at < $2) OR (current_state = '{TaskStateNames.Queued}' AND retry_at < $2))
        LIMIT $3
        """;

    /// <summary>
    /// Marks results published and lets their rows go from the instance that published them. Only a finished row
    /// still unmarked: a mark that arrives after the task was started over belongs to the earlier run.
    /// </summary>
    private const string MarkPublished =
        $"""
        UPDATE {Table} t SET result_published_at = v.published_at, owner_instance = NULL
        FROM unnest($1::text[], $2::timestamptz[]) AS v(task_id, published_at)
        WHERE t.task_id = v.task_id AND t.result_published_at IS NULL AND t.current_state IN {Finished}
        """;

    public static async Task<TaskState?> FindByTaskId(NpgsqlDataSource dataSource, string taskId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectByTaskId);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = taskId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public static async Task<IReadOnlyList<TaskState>> FindUnfinished(NpgsqlDataSource dataSource, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectUnfinished);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadAll(command, cancellationToken);
    }

    public static async Task<TaskTotals> Totals(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectTotals);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new TaskTotals(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3));
    }

    /// <summary>Unfinished tasks held by an owner other than <paramref name="owner"/> that stopped beating before <paramref name="aliveSince"/>.</summary>
    public static async Task<IReadOnlyList<RecoverTask>> FindLost(
        NpgsqlConnection connection, string owner, DateTimeOffset aliveSince, int limit, CancellationToken cancellationToken)
    {
        await using var command = OwnerQuery(SelectLost, connection, owner, aliveSince, limit);
        var lost = new List<RecoverTask>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lost.Add(new RecoverTask(reader.GetGuid(0), reader.GetString(1)));
        }

        return lost;
    }

    /// <summary>Finished tasks whose result is not marked published, oldest first (see <see cref="SelectUnpublished"/>).</summary>
    public static async Task<IReadOnlyList<TaskState>> FindUnpublished(
        NpgsqlConnection connection, DateTimeOffset finishedBefore, string owner, bool orphansToo, DateTimeOffset aliveSince, int limit,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SelectUnpublished, connection);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = finishedBefore });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = aliveSince });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = orphansToo });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadAll(command, cancellationToken);
    }

    /// <summary>
    /// <paramref name="owner"/>'s tasks queued for a worker (not waiting for a retry) and unchanged since
    /// <paramref name="staleBefore"/>: the correlation id and the task id of each.
    /// </summary>
    public static async Task<IReadOnlyList<(Guid CorrelationId, string TaskId)>> FindStranded(
        NpgsqlConnection connection, string owner, DateTimeOffset staleBefore, int limit, CancellationToken cancellationToken)
    {
        await using var command = OwnerQuery(SelectStranded, connection, owner, staleBefore, limit);
        var stranded = new List<(Guid, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stranded.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        return stranded;
    }

    /// <summary><paramref name="owner"/>'s tasks whose attempt deadline or retry time passed before <paramref name="dueBefore"/>.</summary>
    public static async Task<IReadOnlyList<OverdueTimer>> FindOverdue(
        NpgsqlConnection connection, string owner, DateTimeOffset dueBefore, int limit, CancellationToken cancellationToken)
    {
        await using var command = OwnerQuery(SelectOverdue, connection, owner, dueBefore, limit);
        var overdue = new List<OverdueTimer>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var running = reader.GetString(1) == TaskStateNames.InProgress;
            var token = reader.IsDBNull(running ? 3 : 4) ? (Guid?)null : reader.GetGuid(running ? 3 : 4);
            overdue.Add(new OverdueTimer(reader.GetGuid(0), running, reader.GetInt32(2), token));
        }

        return overdue;
    }

    /// <summary>Records that these results reached Redis; throws if the database does not take the marks.</summary>
    public static async Task MarkResultsPublished(NpgsqlDataSource dataSource, IReadOnlyCollection<TaskResultPublished> published, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(MarkPublished);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = published.Select(p => p.TaskId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = published.Select(p => p.PublishedAt).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The sweep's queries about one owner's rows take the same three parameters: owner, a time, a limit.</summary>
    private static NpgsqlCommand OwnerQuery(string sql, NpgsqlConnection connection, string owner, DateTimeOffset time, int limit)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return command;
    }

    private static async Task<IReadOnlyList<TaskState>> ReadAll(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<TaskState>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }
}
