using Npgsql;

namespace Maas.Tests.Infrastructure;

/// <summary>A database of its own for one test, so tests run in parallel without seeing each other's rows.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name) => Name = name;

    public string Name { get; }

    /// <summary>As the engine takes it: a <c>postgresql://</c> URL.</summary>
    public string Url
    {
        get
        {
            var server = new Uri(TestServers.DatabaseUrl);
            return new UriBuilder(server) { Path = "/" + Name }.Uri.ToString();
        }
    }

    public string ConnectionString => TestServers.ConnectionString(Name);

    /// <summary>A name only; the engine creates the database itself on first start, as it would on a fresh machine.</summary>
    public static TestDatabase Named() => new($"maas_test_{Guid.NewGuid():N}");

    public async Task<T?> Scalar<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A real outage private to this database: it stops accepting connections and loses those it had, while the
    /// shared server stays up for the other tests. <see cref="BringBack"/> ends it.
    /// </summary>
    public async Task TakeAway()
    {
        await Admin($"ALTER DATABASE \"{Name}\" ALLOW_CONNECTIONS false");
        await Admin("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1", Name);
    }

    public Task BringBack() => Admin($"ALTER DATABASE \"{Name}\" ALLOW_CONNECTIONS true");

    private static async Task Admin(string sql, params object[] parameters)
    {
        await using var connection = await TestServers.OpenAdminConnection();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = await TestServers.OpenAdminConnection();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
