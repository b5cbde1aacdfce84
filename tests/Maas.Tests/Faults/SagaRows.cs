using Npgsql;

namespace Maas.Tests.Faults;

/// <summary>Reads the saga rows of one scenario's database straight from PostgreSQL: the second channel the figures come from.</summary>
internal static class SagaRows
{
    public static async Task<IReadOnlyDictionary<string, SagaRow>> Read(string connectionString, IReadOnlyCollection<string> taskIds)
    {
        var rows = new Dictionary<string, SagaRow>(StringComparer.Ordinal);
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT task_id, current_state, attempt, error_type, result_published_at, owner_instance FROM ai_engine.task_state WHERE task_id = ANY($1)",
                connection);
            command.Parameters.Add(new NpgsqlParameter { Value = taskIds.ToArray() });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new SagaRow(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetString(5));
                rows[row.TaskId] = row;
            }
        }
        catch (NpgsqlException)
        {
            // The server is away (a restart scenario) or the engine has not created the table yet: nothing to see now.
        }

        return rows;
    }
}
