using Npgsql;

namespace Maas.Bench.Measure;

/// <summary>
/// PostgreSQL's own counters for the bench database (<c>pg_stat_database</c>) and the saga table
/// (<c>pg_stat_user_tables</c>): how many commits, inserts, updates and index look-ups the engine spent per task.
/// A backend reports them when it ends, so the "after" snapshot is taken once the engine has stopped.
/// </summary>
public sealed record PgCounters(long Commits, long Rollbacks, long Inserted, long Updated, long Fetched, long IndexScans, long HotUpdates)
{
    public static async Task<PgCounters> Read(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT d.xact_commit, d.xact_rollback, d.tup_inserted, d.tup_updated, d.tup_fetched,
                   coalesce(t.idx_scan, 0), coalesce(t.n_tup_hot_upd, 0)
            FROM pg_stat_database d
            LEFT JOIN pg_stat_user_tables t ON t.schemaname = 'ai_engine' AND t.relname = 'task_state'
            WHERE d.datname = current_database()
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new PgCounters(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6));
    }

    public SqlPerTask PerTask(PgCounters before, int tasks)
    {
        ArgumentNullException.ThrowIfNull(before);
        double Per(long after, long b) => tasks == 0 ? double.NaN : (after - b) / (double)tasks;
        return new SqlPerTask(
            Per(Commits, before.Commits), Per(Rollbacks, before.Rollbacks), Per(Inserted, before.Inserted), Per(Updated, before.Updated),
            Per(Fetched, before.Fetched), Per(IndexScans, before.IndexScans), Per(HotUpdates, before.HotUpdates));
    }
}
