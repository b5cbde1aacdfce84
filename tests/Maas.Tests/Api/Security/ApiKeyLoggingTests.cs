using System.Net;
using Maas.Tests.Api.Logging;

namespace Maas.Tests.Api.Security;

/// <summary>The engine as its own process at DEBUG: neither the key nor a wrong one a caller sent reaches its output.</summary>
public sealed class ApiKeyLoggingTests
{
    private const string Key = "the-engine-key-5f1c2a7e9b";
    private const string WrongKey = "a-guessed-key-77d3e0c4a1";

    [Fact]
    public async Task No_log_line_shows_the_key_or_a_wrong_one()
    {
        await using var engine = await LoggingEngine.Start("text", "DEBUG", new Dictionary<string, string?> { ["AI_ENGINE_API_KEY"] = Key });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{engine.Port}") };

        var statuses = new List<HttpStatusCode>();
        foreach (var (header, value) in new[] { ("X-API-Key", Key), ("X-API-Key", WrongKey), ("Authorization", $"Bearer {Key}"), ("Authorization", $"Bearer {WrongKey}") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/agents");
            request.Headers.TryAddWithoutValidation(header, value);
            statuses.Add((await http.SendAsync(request)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Unauthorized], statuses);
        Assert.Contains(engine.Process.Lines, l => l.Contains("Listening on Redis channels", StringComparison.Ordinal));
        Assert.DoesNotContain(Key, engine.Process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, engine.Process.Output, StringComparison.Ordinal);
    }
}
