using Maas.Engine.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace Maas.Engine.Persistence;

/// <summary>
/// The columns of <c>ai_engine.task_state</c>, each listed once. The SELECT list, the INSERT and UPDATE, the read of a
/// row, the binding of a row, the changed-row comparison and the start-over reset all follow from this list, so a new
/// column is one line here (and one in <see cref="EngineDbContext"/>, which owns the schema through migrations).
/// <c>xmin</c>, the row's version, is PostgreSQL's and is not in the list.
/// </summary>
internal static class TaskStateColumns
{
    public static readonly TaskStateColumn[] All =
    [
        Key("correlation_id", t => t.CorrelationId, (t, v) => t.CorrelationId = v),
        Text("current_state", t => t.CurrentState, (t, v) => t.CurrentState = v!),
        Text("task_id", t => t.TaskId, (t, v) => t.TaskId = v!),
        Text("task_type", t => t.TaskType, (t, v) => t.TaskType = v!),
        Text("environment_id", t => t.EnvironmentId, (t, v) => t.EnvironmentId = v!),
        Text("agent_id", t => t.AgentId, (t, v) => t.AgentId = v),
        Text("priority", t => t.Priority, (t, v) => t.Priority = v!),
        Json("input_data", t => t.InputData, (t, v) => t.InputData = v!),
        Int("timeout_seconds", t => t.TimeoutSeconds, (t, v) => t.TimeoutSeconds = v),
        Int("max_retries", t => t.MaxRetries, (t, v) => t.MaxRetries = v),
        Int("attempt", t => t.Attempt, (t, v) => t.Attempt = v, perRun: true),
        Int("progress_percentage", t => t.ProgressPercentage, (t, v) => t.ProgressPercentage = v, perRun: true),
        Text("current_step", t => t.CurrentStep, (t, v) => t.CurrentStep = v, perRun: true),
        Time("created_at", t => t.CreatedAt, (t, v) => t.CreatedAt = v),
        Time("updated_at", t => t.UpdatedAt, (t, v) => t.UpdatedAt = v),
        OptionalTime("started_at", t => t.StartedAt, (t, v) => t.StartedAt = v, perRun: true),
        OptionalTime("finished_at", t => t.FinishedAt, (t, v) => t.FinishedAt = v, perRun: true),
        OptionalTime("deadline_at", t => t.DeadlineAt, (t, v) => t.DeadlineAt = v, perRun: true),
        OptionalTime("retry_at", t => t.RetryAt, (t, v) => t.RetryAt = v, perRun: true),
        OptionalUuid("timeout_token_id", t => t.TimeoutTokenId, (t, v) => t.TimeoutTokenId = v),
        OptionalUuid("retry_token_id", t => t.RetryTokenId, (t, v) => t.RetryTokenId = v),
        Json("output_data", t => t.OutputData, (t, v) => t.OutputData = v, perRun: true),
        OptionalLong("tokens_used", t => t.TokensUsed, (t, v) => t.TokensUsed = v),
        OptionalLong("input_tokens", t => t.InputTokens, (t, v) => t.InputTokens = v),
        OptionalLong("output_tokens", t => t.OutputTokens, (t, v) => t.OutputTokens = v),
        Text("model_used", t => t.ModelUsed, (t, v) => t.ModelUsed = v, perRun: true),
        OptionalNumeric("cost_estimate", t => t.CostEstimate, (t, v) => t.CostEstimate = v),
        Int("tool_calls", t => t.ToolCalls, (t, v) => t.ToolCalls = v, perRun: true),
        Json("tool_calls_by_name", t => t.ToolCallsByName, (t, v) => t.ToolCallsByName = v, perRun: true),
        Text("error_type", t => t.ErrorType, (t, v) => t.ErrorType = v, perRun: true),
        Text("error_message", t => t.ErrorMessage, (t, v) => t.ErrorMessage = v, perRun: true),
        Bool("retryable", t => t.Retryable, (t, v) => t.Retryable = v, perRun: true),
        Json("error_data", t => t.ErrorData, (t, v) => t.ErrorData = v, perRun: true),
        OptionalTime("result_published_at", t => t.ResultPublishedAt, (t, v) => t.ResultPublishedAt = v, perRun: true),
        Text("owner_instance", t => t.OwnerInstance, (t, v) => t.OwnerInstance = v, perRun: true),
        Text("trace_parent", t => t.TraceParent, (t, v) => t.TraceParent = v, perRun: true),
    ];

    /// <summary>Ordinal of a column in <see cref="All"/> (and so in every SELECT list and parameter list built from it).</summary>
    public static int Ordinal(string name) => Array.FindIndex(All, c => c.Name == name) is var i and >= 0
        ? i
        : throw new ArgumentException($"task_state has no column {name}", nameof(name));

    private static TaskStateColumn<Guid> Key(string name, Func<TaskState, Guid> get, Action<TaskState, Guid> set) =>
        new(name, get, set, static (row, i) => row.GetGuid(i), static v => new NpgsqlParameter<Guid> { TypedValue = v });

    private static TaskStateColumn<string?> Text(string name, Func<TaskState, string?> get, Action<TaskState, string?> set, bool perRun = false) =>
        new(name, get, set, static (row, i) => row.IsDBNull(i) ? null : row.GetString(i), static v => Nullable(NpgsqlDbType.Text, v), perRun);

    private static TaskStateColumn<string?> Json(string name, Func<TaskState, string?> get, Action<TaskState, string?> set, bool perRun = false) =>
        new(name, get, set, static (row, i) => row.IsDBNull(i) ? null : row.GetString(i), static v => Nullable(NpgsqlDbType.Jsonb, v), perRun);

    private static TaskStateColumn<int> Int(string name, Func<TaskState, int> get, Action<TaskState, int> set, bool perRun = false) =>
        new(name, get, set, static (row, i) => row.GetInt32(i), static v => new NpgsqlParameter<int> { TypedValue = v }, perRun);

    private static TaskStateColumn<bool> Bool(string name, Func<TaskState, bool> get, Action<TaskState, bool> set, bool perRun = false) =>
        new(name, get, set, static (row, i) => row.GetBoolean(i), static v => new NpgsqlParameter<bool> { TypedValue = v }, perRun);

    private static TaskStateColumn<DateTimeOffset> Time(string name, Func<TaskState, DateTimeOffset> get, Action<TaskState, DateTimeOffset> set) =>
        new(name, get, set, static (row, i) => row.GetFieldValue<DateTimeOffset>(i), static v => Nullable(NpgsqlDbType.TimestampTz, v));

    private static TaskStateColumn<DateTimeOffset?> OptionalTime(string name, Func<TaskState, DateTimeOffset?> get, Action<TaskState, DateTimeOffset?> set, bool perRun = false) =>
        new(name, get, set, static (row, i) => row.IsDBNull(i) ? null : row.GetFieldValue<DateTimeOffset>(i), static v => Nullable(NpgsqlDbType.TimestampTz, v), perRun);

    private static TaskStateColumn<Guid?> OptionalUuid(string name, Func<TaskState, Guid?> get, Action<TaskState, Guid?> set) =>
        new(name, get, set, static (row, i) => row.IsDBNull(i) ? null : row.GetGuid(i), static v => Nullable(NpgsqlDbType.Uuid, v));

    // Usage and cost figures describe one run, so a new run starts without them.
    private static TaskStateColumn<long?> OptionalLong(string name, Func<TaskState, long?> get, Action<TaskState, long?> set) =>
        new(name, get, set, static (row, i) => row.IsDBNull(i) ? null : row.GetInt64(i), static v => Nullable(NpgsqlDbType.Bigint, v), perRun: true);

    private static TaskStateColumn<decimal?> OptionalNumeric(string name, Func<TaskState, decimal?> get, Action<TaskState, decimal?> set) =>
        new(name, get, set, static (row, i) => row.IsDBNull(i) ? null : row.GetDecimal(i), static v => Nullable(NpgsqlDbType.Numeric, v), perRun: true, cast: "::numeric(18,6)");

    private static NpgsqlParameter Nullable(NpgsqlDbType type, object? value) => new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };
}
