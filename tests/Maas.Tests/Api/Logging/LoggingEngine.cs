using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maas.Tests.Infrastructure;

namespace Maas.Tests.Api.Logging;

/// <summary>
/// The built engine as a process with a log format and level of a test's choosing, on a database and channels of its
/// own, its offline model answering after <see cref="ModelDelayMs"/> (so a task with a one-second timeout times out).
/// </summary>
public sealed class LoggingEngine : IAsyncDisposable
{
    public const int ModelDelayMs = 2000;

    private readonly TestDatabase _database;

    private LoggingEngine(TestDatabase database, Channels channels, EngineProcess process, RedisListener platform, int port)
    {
        _database = database;
        Channels = channels;
        Process = process;
        Platform = platform;
        Port = port;
    }

    public Channels Channels { get; }

    public EngineProcess Process { get; }

    /// <summary>The platform's side of Redis: publishes requests, records what the engine publishes.</summary>
    public RedisListener Platform { get; }

    public int Port { get; }

    public static async Task<LoggingEngine> Start(string format, string level, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = TestDatabase.Named();
        var channels = Channels.Unique();
        var port = FreePort();
        var environment = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = database.Url,
            ["REDIS_URL"] = TestServers.RedisUrl,
            ["REDIS_TASK_CHANNEL"] = channels.Tasks,
            ["REDIS_RESULT_CHANNEL"] = channels.Results,
            ["REDIS_STATUS_CHANNEL"] = channels.Status,
            ["AI_ENGINE_HOST"] = "127.0.0.1",
            ["AI_ENGINE_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["OFFLINE_AGENT_DELAY_MS"] = ModelDelayMs.ToString(CultureInfo.InvariantCulture),
            ["LOG_FORMAT"] = format,
            ["LOG_LEVEL"] = level,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        var process = EngineProcess.Start(environment);
        await Eventually.Until(() => process.Lines.Any(l => l.Contains("Listening on Redis channels", StringComparison.Ordinal)),
            "the engine to listen on Redis", TimeSpan.FromSeconds(60));
        // The Redis subscriber may start listening before Kestrel has bound its port.
        await Eventually.Until(() => Accepts(port), $"the engine to accept connections on port {port}", TimeSpan.FromSeconds(30));
        var platform = await RedisListener.Listen(channels);
        return new LoggingEngine(database, channels, process, platform, port);
    }

    /// <summary>Every line as JSON; a line that is not one JSON object fails the test, quoting it.</summary>
    public IReadOnlyList<JsonObject> JsonLines() => [.. Process.Lines.Select(ParseLine)];

    /// <summary>The JSON lines whose <c>task_id</c> field names the task.</summary>
    public IReadOnlyList<JsonObject> LinesOf(string taskId) =>
        [.. JsonLines().Where(l => l["task_id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String && (string?)id == taskId)];

    /// <summary>Waits for a JSON line about the task that matches, and returns it.</summary>
    public async Task<JsonObject> WaitForLine(string taskId, Func<JsonObject, bool> match, string what)
    {
        var found = await Eventually.Until(() => Task.FromResult(LinesOf(taskId).FirstOrDefault(match)), l => l is not null,
            $"{what} in the log of task {taskId}; its lines: {string.Join(" | ", LinesOf(taskId).Select(l => l.ToJsonString()))}");
        return found!;
    }

    public static JsonObject ParseLine(string line)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject ?? throw new Xunit.Sdk.XunitException($"not a JSON object: {line}");
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"not JSON ({e.Message}): {line}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Platform.DisposeAsync();
        await Process.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static async Task<bool> Accepts(int port)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
