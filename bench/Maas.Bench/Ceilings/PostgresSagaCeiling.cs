using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Maas.Bench.Ceilings;

/// <summary>
/// PostgreSQL's rate for the SQL of one task's saga life, without the engine: the ceiling for durable saga state on
/// this machine. It runs on a scratch copy of <c>ai_engine.task_state</c> (<c>LIKE ... INCLUDING ALL</c>: the same
/// columns, keys and partial indexes) in the bench database, from 16 clients on prepared statements, each statement
/// its own transaction with <c>synchronous_commit</c> as the server has it (on), as each saga transition is.
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
    /// Tasks a second. <paramref name="engineShaped"/> false: INSERT + 2 UPDATEs by key with an <c>xmin</c> check, the
    /// least a saga of three transitions can do. True: the statements the engine's repository issues today, a SELECT
    /// before each write and the UPDATE that marks the result published (7 statements, 4 of them writes).
    /// </summary>
    public static async Task<double> TasksPerSecond(string connectionString, int tasksPerClient, bool engineShaped)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var truncate = new NpgsqlCommand($"TRUNCATE {Table}", connection);
            await truncate.ExecuteNonQueryAsync();
        }

        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(() => Client(connectionString, client, tasksPerClient, engineShaped))));
        return Clients * tasksPerClient / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static async Task Client(string connectionString, int client, int tasks, bool engineShaped)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var load = Command(connection, $"SELECT *, xmin FROM {Table} WHERE correlation_id = $1 LIMIT 2", NpgsqlDbType.Uuid);
        await using var insert = Command(connection,
            $"""
            INSERT INTO {Table} (correlation_id, current_state, task_id, task_type, environment_id, agent_id, priority, input_data,
                timeout_seconds, max_retries, attempt, progress_percentage, current_step, created_at, updated_at, retryable, owner_instance)
            VALUES ($1, 'Queued', $2, 'code_generation', '615dfdb3-1051-449e-b858-e4ea9220837a', 'code_generator_658e1617', 'normal', $3,
                300, 3, 0, 0, 'Waiting for a worker', $4, $4, false, 'bench')
            RETURNING xmin
            """,
            NpgsqlDbType.Uuid, NpgsqlDbType.Varchar, NpgsqlDbType.Jsonb, NpgsqlDbType.TimestampTz);
        await using var start = Command(connection,
            $"""
            UPDATE {Table} SET current_state = 'InProgress', attempt = 1, started_at = $3, deadline_at = $3 + interval '300 seconds',
                current_step = 'Running on agent code_generator_658e1617', updated_at = $3, timeout_token_id = $4
            WHERE correlation_id = $1 AND xmin = $2
            RETURNING xmin
            """,
            NpgsqlDbType.Uuid, NpgsqlDbType.Xid, NpgsqlDbType.TimestampTz, NpgsqlDbType.Uuid);
        await using var complete = Command(connection,
            $"""
            UPDATE {Table} SET current_state = 'Completed', output_data = $3, tokens_used = 157, model_used = 'offline', cost_estimate = 0,
                finished_at = $4, deadline_at = NULL, owner_instance = NULL, progress_percentage = 100, current_step = 'Completed',
                updated_at = $4, timeout_token_id = NULL
            WHERE correlation_id = $1 AND xmin = $2
            RETURNING xmin
            """,
            NpgsqlDbType.Uuid, NpgsqlDbType.Xid, NpgsqlDbType.Jsonb, NpgsqlDbType.TimestampTz);
        await using var published = Command(connection,
            $"UPDATE {Table} SET result_published_at = $2 WHERE task_id = $1 AND result_published_at IS NULL",
            NpgsqlDbType.Varchar, NpgsqlDbType.TimestampTz);

        for (var i = 0; i < tasks; i++)
        {
            var id = Guid.CreateVersion7();
            var taskId = $"ceiling_{client}_{i}_{id:N}";
            if (engineShaped)
            {
                await Run(load, id);
            }

            var version = await Run(insert, id, taskId, Input, DateTimeOffset.UtcNow);
            if (engineShaped)
            {
                await Run(load, id);
            }

            version = await Run(start, id, version, DateTimeOffset.UtcNow, Guid.NewGuid());
            if (engineShaped)
            {
                await Run(load, id);
            }

            await Run(complete, id, version, Output, DateTimeOffset.UtcNow);
            if (engineShaped)
            {
                await Run(published, taskId, DateTimeOffset.UtcNow);
            }
        }
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
