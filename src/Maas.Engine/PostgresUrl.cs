using Npgsql;

namespace Maas.Engine;

/// <summary>Turns the platform's <c>postgresql://</c> URL (the form SQLAlchemy and libpq take) into an Npgsql connection string.</summary>
public static class PostgresUrl
{
    /// <summary>Accepts <c>postgresql://</c> or <c>postgres://</c> URLs, or an Npgsql connection string as it is.</summary>
    /// <exception cref="FormatException">The text is neither.</exception>
    public static string ToConnectionString(string databaseUrl)
    {
        ArgumentNullException.ThrowIfNull(databaseUrl);
        try
        {
            return Parse(databaseUrl);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    private static string Parse(string databaseUrl)
    {
        if (!databaseUrl.Contains("://", StringComparison.Ordinal))
        {
            return new NpgsqlConnectionStringBuilder(databaseUrl).ConnectionString;
        }

        if (!Uri.TryCreate(databaseUrl, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("postgresql" or "postgres" or "postgresql+asyncpg" or "postgresql+psycopg2"))
        {
            throw new FormatException("expected postgresql://user:password@host:port/database");
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("the URL must name a host and a database");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
        };

        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var value = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "";
            switch (parts[0])
            {
                case "sslmode":
                    builder.SslMode = Enum.Parse<SslMode>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "connect_timeout":
                    builder.Timeout = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    builder[parts[0]] = value;
                    break;
            }
        }

        return builder.ConnectionString;
    }
}
