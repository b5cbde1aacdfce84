using System.Globalization;
using Maas.Contracts.Configuration;
using StackExchange.Redis;

namespace Maas.RedisBridge;

/// <summary>Reads the platform's <c>redis://</c> (or <c>rediss://</c> for TLS) URL into StackExchange.Redis options.</summary>
public static class RedisUrl
{
    /// <exception cref="FormatException">The text is not such a URL.</exception>
    public static ConfigurationOptions Parse(string redisUrl)
    {
        if (!Uri.TryCreate(redisUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("expected redis://[user:password@]host:port/db");
        }

        var options = new ConfigurationOptions
        {
            Ssl = uri.Scheme == "rediss",
            // Start even when Redis is down: /health says so, and the multiplexer reconnects and resubscribes by itself.
            AbortOnConnectFail = false,
            ClientName = "maas-ai-engine",
        };
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port);

        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            if (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var database))
            {
                throw new FormatException($"'{UrlRedaction.Redact(path)}' is not a database number");
            }

            options.DefaultDatabase = database;
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo.Length == 2)
        {
            if (userInfo[0].Length > 0)
            {
                options.User = Uri.UnescapeDataString(userInfo[0]);
            }

            options.Password = Uri.UnescapeDataString(userInfo[1]);
        }
        else if (userInfo[0].Length > 0)
        {
            // As redis-py reads it: redis://alice@host names a user, not a password.
            options.User = Uri.UnescapeDataString(userInfo[0]);
        }

        return options;
    }
}
