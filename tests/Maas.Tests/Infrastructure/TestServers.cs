using Npgsql;
using StackExchange.Redis;

namespace Maas.Tests.Infrastructure;

/// <summary>
/// The real Redis and PostgreSQL the tests run against, started on loopback by <c>scripts/test.sh</c>. A server that
/// does not answer fails the test that needs it, loudly: these tests are never skipped.
/// </summary>
public static class TestServers
{
    public static string RedisUrl { get; } = Environment.GetEnvironmentVariable("MAAS_TEST_REDIS_URL") is { Length: > 0 } r ? r : "redis://127.0.0.1:56379/0";

    public static string DatabaseUrl { get; } = Environment.GetEnvironmentVariable("MAAS_TEST_DATABASE_URL") is { Length: > 0 } d ? d : "postgresql://postgres@127.0.0.1:55432/postgres";

    private static readonly Lazy<Task<IConnectionMultiplexer>> Redis = new(ConnectRedis);

    public static Task<IConnectionMultiplexer> RedisConnection() => Redis.Value;

    public static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(Maas.Engine.PostgresUrl.ToConnectionString(DatabaseUrl)) { Database = database }.ConnectionString;

    public static async Task<NpgsqlConnection> OpenAdminConnection()
    {
        var builder = new NpgsqlConnectionStringBuilder(Maas.Engine.PostgresUrl.ToConnectionString(DatabaseUrl)) { Database = "postgres", Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException(
                $"PostgreSQL at {builder.Host}:{builder.Port} does not answer. Run the tests with scripts/test.sh, which starts it.", e);
        }

        return connection;
    }

    private static async Task<IConnectionMultiplexer> ConnectRedis()
    {
        var options = Maas.RedisBridge.RedisUrl.Parse(RedisUrl);
        options.AbortOnConnectFail = true;
        try
        {
            return await ConnectionMultiplexer.ConnectAsync(options);
        }
        catch (RedisConnectionException e)
        {
            throw new InvalidOperationException($"Redis at {RedisUrl} does not answer. Run the tests with scripts/test.sh, which starts it.", e);
        }
    }
}
