using Maas.Engine.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace Maas.Engine.Persistence;

/// <summary>
/// The gateway to <c>ai_engine.task_state</c>: every SQL statement the engine sends to the table is here, built from
/// the one column list in <see cref="TaskStateColumns"/>, with the state names of <see cref="TaskStateNames"/>.
/// This file holds the saga's own statements (a SELECT by key, an INSERT, an UPDATE checked against <c>xmin</c>),
/// prepared once per connection and sent in batches by <see cref="TaskStateStore"/>; the operator's and the recovery
/// sweep's statements are in <c>TaskStateTable.Queries.cs</c>. A lost race is a row not returned, never an error, so
/// one conflict cannot abort the batch it shares. EF Core (<see cref="EngineDbContext"/>) owns the schema.
/// </summary>
internal static partial class TaskStateTable
{
    private const string Table = EngineDbContext.Schema + ".task_state";

    private const string Instances = EngineDbContext.Schema + ".engine_instance";

    private const string Unfinished = $"('{TaskStateNames.Queued}', '{TaskStateNames.InProgress}')";

    private const string Finished = $"('{TaskStateNames.Completed}', '{TaskStateNames.Failed}')";

    private static readonly TaskStateColumn[] Columns = TaskStateColumns.All;

    private static readonly string ColumnList = string.Join(", ", Columns.Select(c => c.Name));

    public static readonly string SelectByKey = $"SELECT {ColumnList}, xmin FROM {Table} WHERE correlation_id = $1";

    public const string SelectVersion = $"SELECT xmin FROM {Table} WHERE correlation_id = $1";

    public const string Delete = $"DELETE FROM {Table} WHERE correlation_id = $1 AND xmin = $2 RETURNING xmin";

    /// <summary>Inserts the row unless its key or task id exists already (then no row is returned).</summary>
    public static readonly string Insert =
        $"INSERT INTO {Table} ({ColumnList}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"${i + 1}"))}) ON CONFLICT DO NOTHING RETURNING xmin";

    /// <summary>Writes every column if the row is still at the version bound last (<see cref="Version(uint)"/>).</summary>
    public static readonly string Update =
        $"UPDATE {Table} SET {string.Join(", ", Columns.Skip(1).Select((c, i) => $"{c.Name} = ${i + 2}"))} " +
        $"WHERE correlation_id = $1 AND xmin = ${Columns.Length + 1} RETURNING xmin";

    /// <summary>
    /// The row's version if it holds exactly the bound values, compared as PostgreSQL stores them (timestamps to the
    /// microsecond, JSON as <c>jsonb</c>): how the store learns whether a write whose answer was lost was committed.
    /// </summary>
    public static readonly string SelectVersionIfStored =
        $"SELECT xmin FROM {Table} WHERE correlation_id = $1 AND " +
        string.Join(" AND ", Columns.Skip(1).Select((c, i) => $"{c.Name} IS NOT DISTINCT FROM ${i + 2}{c.Cast}"));

    public static TaskState Read(NpgsqlDataReader row)
    {
        var task = new TaskState();
        for (var i = 0; i < Columns.Length; i++)
        {
            Columns[i].Read(row, i, task);
        }

        task.Version = row.GetFieldValue<uint>(Columns.Length);
        return task;
    }

    /// <summary>Binds every column, in <see cref="TaskStateColumns.All"/> order, as $1..$n.</summary>
    public static void Bind(NpgsqlParameterCollection parameters, TaskState task)
    {
        foreach (var column in Columns)
        {
            parameters.Add(column.Bind(task));
        }
    }

    /// <summary>Whether two instances would write the same row (every column, and the version).</summary>
    public static bool SameRow(TaskState a, TaskState b)
    {
        if (a.Version != b.Version)
        {
            return false;
        }

        foreach (var column in Columns)
        {
            if (!column.Same(a, b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Clears what belongs to one run of the task, so a finished task can be run again from its request.</summary>
    public static void StartOver(TaskState task)
    {
        foreach (var column in Columns)
        {
            if (column.PerRun)
            {
                column.Reset(task);
            }
        }
    }

    public static NpgsqlParameter<Guid> Key(Guid correlationId) => new() { TypedValue = correlationId };

    public static NpgsqlParameter Version(uint xmin) => new() { NpgsqlDbType = NpgsqlDbType.Xid, Value = xmin };
}
