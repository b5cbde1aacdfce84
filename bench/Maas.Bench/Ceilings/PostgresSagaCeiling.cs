using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Maas.Bench.Ceilings;

/// <summary>
/// PostgreSQL's rate for the SQL of one task's saga life, without the engine: the ceiling for durable saga state on
/// this machine. It runs on a scratch copy of <c>ai_engine.task_state</c> (<c>LIKE ... INCLUDING ALL</c>: the same
/// columns, keys and partial indexes) in the bench database, on prepared statements with <c>synchronous_commit</c> as
/// the server has it (on): once a statement per transaction from 16 clients, once group-committed as the engine sends it.
/// </summary>
public static class PostgresSagaCeiling
{
    public const int Clients = 16;

    private const string Table = "bench_ceiling.task_state";

    private const string Input = """{"description": "generate a hello world program", "language": "python", "requirements": []}""";

    private const string Output = """{"code": "print('Hello, World!')", "language": "python", "file_name": "hello_world.py", "explanation": "A simple Python program that prints 'Hello, World!' to the console.", "dependencies": [], "test_cases": [{"input": "", "expected_output": "Hello, World!"}]}""";

    /// <summary>Creates the scratch table and returns its indexes, for the report to show it is shaped like the engine's.</summary>
    public static async Task<IReadOnlyList<string>> CreateTable(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand(
            $"CREATE SCHEMA IF NOT EXISTS bench_ceiling; DROP TABLE IF EXISTS {Table}; CREATE TABLE {Table} (LIKE ai_engine.task_state INCLUDING ALL);", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var indexes = new NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE schemaname = 'bench_ceiling' AND tablename = 'task_state' ORDER BY indexname", connection);
        await using var reader = await indexes.ExecuteReaderAsync();
        var result = new List<string>();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    /// <summary>
    /// Tasks a second for INSERT + 2 UPDATEs by key with an <c>xmin</c> check, each statement its own transaction: the
    /// least a saga of three transitions can do, sent one statement at a time as a classic repository would.
    /// </summary>
    public static async Task<double> TasksPerSecond(string connectionString, int tasksPerClient)
    {
        await Truncate(connectionString);
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(() => Client(connectionString, client, tasksPerClient))));
        return Clients * tasksPerClient / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>
    /// Tasks a second for the statements the engine sends today, grouped as its group commit groups them when busy:
    /// <paramref name="connections"/> connections, each sending the same step of <paramref name="batch"/> tasks as one
    /// batch and one commit (a SELECT that finds nothing, then the INSERT, the start UPDATE, the completing UPDATE, and
    /// one UPDATE marking the batch's results published). The ceiling of the engine's persistence path, not of one
    /// statement at a time.
    /// </summary>
    public static async Task<double> GroupCommittedTasksPerSecond(string connectionString, int connections, int batch, int batchesPerConnection)
    {
        await Truncate(connectionString);
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(client => Task.Run(() => GroupCommitClient(connectionString, client, batch, batchesPerConnection))));
        return connections * batch * batchesPerConnection / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static async Task Truncate(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var truncate = new NpgsqlCommand($"TRUNCATE {Table}", connection);
        await truncate.ExecuteNonQueryAsync();
    }

    private const string Insert =
        $"""
        INSERT INTO {Table} (correlation_id, current_state, task_id, task_type, environment_id, agent_id, priority, input_data,
            timeout_seconds, max_retries, attempt, progress_percentage, current_step, created_at, updated_at, retryable, owner_instance)
        VALUES ($1, 'Queued', $2, 'code_generation', '615dfdb3-1051-449e-b858-e4ea9220837a', 'code_generator_658e1617', 'normal', $3,
            300, 3, 0, 0, 'Waiting for a worker', $4, $4, false, 'bench')
        ON CONFLICT DO NOTHING
        RETURNING xmin
        """;

    private const string Start =
        $"""
        UPDATE {Table} SET current_state = 'InProgress', attempt = 1, started_at = $3, deadline_at = $3 + interval '300 seconds',
            current_step = 'Running on agent code_generator_658e1617', updated_at = $3, timeout_token_id = $4
        WHERE correlation_id = $1 AND xmin = $2
        RETURNING xmin
        """;

    private const string Complete =
        $"""
        UPDATE {Table} SET current_state = 'Completed', output_data = $3, tokens_used = 157, model_used = 'offline', cost_estimate = 0,
            finished_at = $4, deadline_at = NULL, owner_instance = NULL, progress_percentage = 100, current_step = 'Completed',
            updated_at = $4, timeout_token_id = NULL
        WHERE correlation_id = $1 AND xmin = $2
        RETURNING xmin
        """;

    private static async Task Client(string connectionString, int client, int tasks)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var insert = Command(connection, Insert, NpgsqlDbType.Uuid, NpgsqlDbType.Varchar, NpgsqlDbType.Jsonb, NpgsqlDbType.TimestampTz);
        await using var start = Command(connection, Start, NpgsqlDbType.Uuid, NpgsqlDbType.Xid, NpgsqlDbType.TimestampTz, NpgsqlDbType.Uuid);
        await using var complete = Command(connection, Complete, NpgsqlDbType.Uuid, NpgsqlDbType.Xid, NpgsqlDbType.Jsonb, NpgsqlDbType.TimestampTz);

        for (var i = 0; i < tasks; i++)
        {
            var id = Guid.CreateVersion7();
            var version = await Run(insert, id, $"ceiling_{client}_{i}_{id:N}", Input, DateTimeOffset.UtcNow);
            version = await Run(start, id, version, DateTimeOffset.UtcNow, Guid.NewGuid());
            await Run(complete, id, version, Output, DateTimeOffset.UtcNow);
        }
    }

    private static async Task GroupCommitClient(string connectionString, int client, int size, int batches)
    {
        await using var connection = new NpgsqlConnection($"{connectionString};Max Auto Prepare=16");
        await connection.OpenAsync();
        for (var b = 0; b < batches; b++)
        {
            var ids = Enumerable.Range(0, size).Select(_ => Guid.CreateVersion7()).ToArray();
            var taskIds = ids.Select(id => $"ceiling_{client}_{id:N}").ToArray();
            await RunBatch(connection, ids.Select(id => Statement($"SELECT *, xmin FROM {Table} WHERE correlation_id = $1", id)));
            var versions = await RunBatch(connection, ids.Select((id, i) => Statement(Insert, id, taskIds[i], Json(Input), DateTimeOffset.UtcNow)));
            versions = await RunBatch(connection, ids.Select((id, i) => Statement(Start, id, versions[i], DateTimeOffset.UtcNow, Guid.NewGuid())));
            await RunBatch(connection, ids.Select((id, i) => Statement(Complete, id, versions[i], Json(Output), DateTimeOffset.UtcNow))
                .Append(Statement($"UPDATE {Table} t SET result_published_at = now() FROM unnest($1::text[]) AS v(task_id) WHERE t.task_id = v.task_id AND t.result_published_at IS NULL", (object)taskIds)));
        }
    }

    private static NpgsqlParameter Json(string json) => new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = json };

    private static NpgsqlBatchCommand Statement(string sql, params object[] values)
    {
        var statement = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            statement.Parameters.Add(value switch
            {
                NpgsqlParameter parameter => parameter,
                uint xmin => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Xid, Value = xmin },
                _ => new NpgsqlParameter { Value = value },
            });
        }

        return statement;
    }

    /// <summary>Sends the statements as one batch (one implicit transaction) and returns the <c>xmin</c> each returned.</summary>
    private static async Task<uint[]> RunBatch(NpgsqlConnection connection, IEnumerable<NpgsqlBatchCommand> statements)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(statement);
        }

        var versions = new uint[batch.BatchCommands.Count];
        await using var reader = await batch.ExecuteReaderAsync();
        var i = 0;
        do
        {
            if (await reader.ReadAsync())
            {
                versions[i] = reader.GetFieldValue<uint>(reader.FieldCount - 1);
            }

            i++;
        }
        while (await reader.NextResultAsync());

        return versions;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params NpgsqlDbType[] types)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var type in types)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type });
        }

        command.Prepare();
        return command;
    }

    /// <summary>Runs a statement and returns the <c>xmin</c> it returned, if any; a version check that matched no row is a bug here.</summary>
    private static async Task<uint> Run(NpgsqlCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return command.CommandText.Contains("RETURNING", StringComparison.Ordinal)
                ? throw new InvalidOperationException("a version-checked write matched no row")
                : 0u;
        }

        return reader.GetFieldValue<uint>(reader.FieldCount - 1);
    }
}
