using Maas.Engine.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace Maas.Engine.Persistence;

/// <summary>
/// The saga row's SQL, written out: a SELECT by key, an INSERT, an UPDATE checked against <c>xmin</c>, prepared once per
/// connection and sent in batches by <see cref="TaskStateStore"/>. This is the engine's hot path (every transition of
/// every task), so it does what EF Core's change tracker would do, without its per-call cost. A lost race is a row not
/// returned, never an error, so one conflict cannot abort the batch it shares. The column list must match
/// <see cref="EngineDbContext"/>, which owns the schema through migrations.
/// </summary>
internal static class TaskStateTable
{
    private const string Columns =
        "correlation_id, current_state, task_id, task_type, environment_id, agent_id, priority, input_data, timeout_seconds, " +
        "max_retries, attempt, progress_percentage, current_step, created_at, updated_at, started_at, finished_at, deadline_at, " +
        "retry_at, timeout_token_id, retry_token_id, output_data, tokens_used, model_used, cost_estimate, error_type, error_message, " +
        "retryable, error_data, result_published_at, owner_instance";

    private const string Table = EngineDbContext.Schema + ".task_state";

    public const string SelectByKey = $"SELECT {Columns}, xmin FROM {Table} WHERE correlation_id = $1";

    public const string SelectVersion = $"SELECT xmin FROM {Table} WHERE correlation_id = $1";

    public const string Delete = $"DELETE FROM {Table} WHERE correlation_id = $1 AND xmin = $2 RETURNING xmin";

    /// <summary>Inserts the row unless its key or task id exists already (then no row is returned).</summary>
    public const string Insert =
        $"INSERT INTO {Table} ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, " +
        "$20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31) ON CONFLICT DO NOTHING RETURNING xmin";

    public const string Update =
        $"UPDATE {Table} SET current_state = $2, task_id = $3, task_type = $4, environment_id = $5, agent_id = $6, priority = $7, " +
        "input_data = $8, timeout_seconds = $9, max_retries = $10, attempt = $11, progress_percentage = $12, current_step = $13, " +
        "created_at = $14, updated_at = $15, started_at = $16, finished_at = $17, deadline_at = $18, retry_at = $19, " +
        "timeout_token_id = $20, retry_token_id = $21, output_data = $22, tokens_used = $23, model_used = $24, cost_estimate = $25, " +
        "error_type = $26, error_message = $27, retryable = $28, error_data = $29, result_published_at = $30, owner_instance = $31 " +
        "WHERE correlation_id = $1 AND xmin = $32 RETURNING xmin";

    public static TaskState Read(NpgsqlDataReader row) => new()
    {
        CorrelationId = row.GetGuid(0),
        CurrentState = row.GetString(1),
        TaskId = row.GetString(2),
        TaskType = row.GetString(3),
        EnvironmentId = row.GetString(4),
        AgentId = Text(row, 5),
        Priority = row.GetString(6),
        InputData = row.GetString(7),
        TimeoutSeconds = row.GetInt32(8),
        MaxRetries = row.GetInt32(9),
        Attempt = row.GetInt32(10),
        ProgressPercentage = row.GetInt32(11),
        CurrentStep = Text(row, 12),
        CreatedAt = row.GetFieldValue<DateTimeOffset>(13),
        UpdatedAt = row.GetFieldValue<DateTimeOffset>(14),
        StartedAt = Time(row, 15),
        FinishedAt = Time(row, 16),
        DeadlineAt = Time(row, 17),
        RetryAt = Time(row, 18),
        TimeoutTokenId = row.IsDBNull(19) ? null : row.GetGuid(19),
        RetryTokenId = row.IsDBNull(20) ? null : row.GetGuid(20),
        OutputData = Text(row, 21),
        TokensUsed = row.IsDBNull(22) ? null : row.GetInt64(22),
        ModelUsed = Text(row, 23),
        CostEstimate = row.IsDBNull(24) ? null : row.GetDecimal(24),
        ErrorType = Text(row, 25),
        ErrorMessage = Text(row, 26),
        Retryable = row.GetBoolean(27),
        ErrorData = Text(row, 28),
        ResultPublishedAt = Time(row, 29),
        OwnerInstance = Text(row, 30),
        Version = row.GetFieldValue<uint>(31),
    };

    /// <summary>Binds $1..$31 in <see cref="Columns"/> order; <see cref="Update"/> adds the expected <c>xmin</c> as $32.</summary>
    public static void Bind(NpgsqlParameterCollection parameters, TaskState task)
    {
        parameters.Add(new NpgsqlParameter<Guid>() { TypedValue = task.CorrelationId });
        parameters.Add(Value(task.CurrentState));
        parameters.Add(Value(task.TaskId));
        parameters.Add(Value(task.TaskType));
        parameters.Add(Value(task.EnvironmentId));
        parameters.Add(Value(task.AgentId));
        parameters.Add(Value(task.Priority));
        parameters.Add(Json(task.InputData));
        parameters.Add(new NpgsqlParameter<int>() { TypedValue = task.TimeoutSeconds });
        parameters.Add(new NpgsqlParameter<int>() { TypedValue = task.MaxRetries });
        parameters.Add(new NpgsqlParameter<int>() { TypedValue = task.Attempt });
        parameters.Add(new NpgsqlParameter<int>() { TypedValue = task.ProgressPercentage });
        parameters.Add(Value(task.CurrentStep));
        parameters.Add(Value(task.CreatedAt));
        parameters.Add(Value(task.UpdatedAt));
        parameters.Add(Value(task.StartedAt));
        parameters.Add(Value(task.FinishedAt));
        parameters.Add(Value(task.DeadlineAt));
        parameters.Add(Value(task.RetryAt));
        parameters.Add(Value(task.TimeoutTokenId));
        parameters.Add(Value(task.RetryTokenId));
        parameters.Add(Json(task.OutputData));
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)task.TokensUsed ?? DBNull.Value });
        parameters.Add(Value(task.ModelUsed));
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Numeric, Value = (object?)task.CostEstimate ?? DBNull.Value });
        parameters.Add(Value(task.ErrorType));
        parameters.Add(Value(task.ErrorMessage));
        parameters.Add(new NpgsqlParameter<bool>() { TypedValue = task.Retryable });
        parameters.Add(Json(task.ErrorData));
        parameters.Add(Value(task.ResultPublishedAt));
        parameters.Add(Value(task.OwnerInstance));
    }

    /// <summary>
    /// Whether two instances would write the same row. A transition that changed nothing need not be written; this
    /// lists every column of <see cref="Bind"/> and must grow with it (a test changes each property in turn).
    /// </summary>
    public static bool SameRow(TaskState a, TaskState b) =>
        a.CorrelationId == b.CorrelationId && a.CurrentState == b.CurrentState && a.TaskId == b.TaskId && a.TaskType == b.TaskType &&
        a.EnvironmentId == b.EnvironmentId && a.AgentId == b.AgentId && a.Priority == b.Priority && a.InputData == b.InputData &&
        a.TimeoutSeconds == b.TimeoutSeconds && a.MaxRetries == b.MaxRetries && a.Attempt == b.Attempt &&
        a.ProgressPercentage == b.ProgressPercentage && a.CurrentStep == b.CurrentStep && a.CreatedAt == b.CreatedAt &&
        a.UpdatedAt == b.UpdatedAt && a.StartedAt == b.StartedAt && a.FinishedAt == b.FinishedAt && a.DeadlineAt == b.DeadlineAt &&
        a.RetryAt == b.RetryAt && a.TimeoutTokenId == b.TimeoutTokenId && a.RetryTokenId == b.RetryTokenId && a.OutputData == b.OutputData &&
        a.TokensUsed == b.TokensUsed && a.ModelUsed == b.ModelUsed && a.CostEstimate == b.CostEstimate && a.ErrorType == b.ErrorType &&
        a.ErrorMessage == b.ErrorMessage && a.Retryable == b.Retryable && a.ErrorData == b.ErrorData &&
        a.ResultPublishedAt == b.ResultPublishedAt && a.OwnerInstance == b.OwnerInstance && a.Version == b.Version;

    public static NpgsqlParameter<Guid> Key(Guid correlationId) => new() { TypedValue = correlationId };

    public static NpgsqlParameter Version(uint xmin) => new() { NpgsqlDbType = NpgsqlDbType.Xid, Value = xmin };

    private static string? Text(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    private static DateTimeOffset? Time(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetFieldValue<DateTimeOffset>(ordinal);

    private static NpgsqlParameter Value(string? text) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)text ?? DBNull.Value };

    private static NpgsqlParameter Value(DateTimeOffset? time) => new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)time ?? DBNull.Value };

    private static NpgsqlParameter Value(Guid? id) => new() { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)id ?? DBNull.Value };

    private static NpgsqlParameter Json(string? json) => new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = (object?)json ?? DBNull.Value };
}
