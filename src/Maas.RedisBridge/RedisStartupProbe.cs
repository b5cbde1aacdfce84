using System.Text.RegularExpressions;
using Maas.Contracts.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Maas.RedisBridge;

/// <summary>Redis answers when a PING on the engine's own multiplexer comes back.</summary>
internal sealed partial class RedisStartupProbe(IConnectionMultiplexer redis, IOptions<RedisBridgeOptions> options) : IStartupDependency
{
    private readonly string _server = Describe(RedisUrl.Parse(options.Value.RedisUrl));

    public string Variable => "REDIS_URL";

    public string Server => _server;

    public async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            // A PING now would wait in the multiplexer's backlog until it times out; it reconnects by itself meanwhile.
            return "cannot connect";
        }

        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return null;
        }
        catch (RedisConnectionException e)
        {
            return Words(e.FailureType.ToString());
        }
        catch (Exception e) when (e is RedisException or TimeoutException or OperationCanceledException)
        {
            return e is RedisServerException ? e.Message.Split('.', 2)[0] : "no answer";
        }
    }

    private static string Describe(ConfigurationOptions options) =>
        $"Redis at {string.Join(", ", options.EndPoints.Select(Format))}";

    private static string Format(System.Net.EndPoint endPoint) => endPoint switch
    {
        System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endPoint.ToString() ?? "",
    };

    // UnableToConnect -> unable to connect
    private static string Words(string pascal) => LowerBoundary().Replace(pascal, " $1").ToLowerInvariant();

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex LowerBoundary();
}
