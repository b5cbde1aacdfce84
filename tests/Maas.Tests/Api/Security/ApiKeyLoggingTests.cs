using System.Globalization;
using System.Net;
using Maas.Tests.Infrastructure;

namespace Maas.Tests.Api.Security;

/// <summary>The engine as its own process at DEBUG: neither the key nor a wrong one a caller sent reaches its output.</summary>
public sealed class ApiKeyLoggingTests
{
    private const string Key = "the-engine-key-5f1c2a7e9b";
    private const string WrongKey = "a-guessed-key-77d3e0c4a1";

    [Fact]
    public async Task No_log_line_shows_the_key_or_a_wrong_one()
    {
        await using var database = TestDatabase.Named();
        var channels = Channels.Unique();
        var port = FreePort();
        await using var engine = EngineProcess.Start(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = database.Url,
            ["REDIS_URL"] = TestServers.RedisUrl,
            ["REDIS_TASK_CHANNEL"] = channels.Tasks,
            ["REDIS_RESULT_CHANNEL"] = channels.Results,
            ["REDIS_STATUS_CHANNEL"] = channels.Status,
            ["AI_ENGINE_HOST"] = "127.0.0.1",
            ["AI_ENGINE_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["AI_ENGINE_API_KEY"] = Key,
            ["LOG_LEVEL"] = "DEBUG",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await Eventually.Until(async () => await Answers(http), "the engine to answer /health", TimeSpan.FromSeconds(60));

        var statuses = new List<HttpStatusCode>();
        foreach (var (header, value) in new[] { ("X-API-Key", Key), ("X-API-Key", WrongKey), ("Authorization", $"Bearer {Key}"), ("Authorization", $"Bearer {WrongKey}") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/agents");
            request.Headers.TryAddWithoutValidation(header, value);
            statuses.Add((await http.SendAsync(request)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Unauthorized], statuses);
        Assert.Contains(engine.Lines, l => l.Contains("Listening on Redis channels", StringComparison.Ordinal));
        Assert.DoesNotContain(Key, engine.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, engine.Output, StringComparison.Ordinal);
    }

    private static async Task<bool> Answers(HttpClient http)
    {
        try
        {
            return (await http.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
