using Npgsql;
using StackExchange.Redis;

namespace Maas.Bench;

/// <summary>The seed's URL forms (<c>redis://host:port/db</c>, <c>postgresql://user[:password]@host:port/db</c>) as client settings.</summary>
public static class ServerUrls
{
    public static ConfigurationOptions Redis(string url, string clientName)
    {
        var uri = new Uri(url);
        // Admin mode for INFO (the machine facts) and PUBSUB NUMSUB (is the engine listening yet?).
        var options = new ConfigurationOptions { ClientName = clientName, AbortOnConnectFail = true, AllowAdmin = true };
        options.EndPoints.Add(uri.Host, uri.Port > 0 ? uri.Port : 6379);
        return options;
    }

    public static NpgsqlConnectionStringBuilder Postgres(string url)
    {
        var uri = new Uri(url);
        var user = uri.UserInfo.Split(':', 2);
        return new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Username = Uri.UnescapeDataString(user[0]),
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
            Database = uri.AbsolutePath.Trim('/'),
        };
    }

    /// <summary>The same server's maintenance database, from which the bench database can be dropped.</summary>
    public static string PostgresAdmin(string url) => new NpgsqlConnectionStringBuilder(Postgres(url).ConnectionString) { Database = "postgres" }.ConnectionString;
}
