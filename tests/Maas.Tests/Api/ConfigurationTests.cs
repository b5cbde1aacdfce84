using Maas.Tests.Infrastructure;

namespace Maas.Tests.Api;

/// <summary>
/// What an operator sees when the engine cannot start, on the real process: one line per wrong variable, naming it
/// and what it expects; a server that stays away named with its variable and host; exit code 1; no stack trace;
/// no password. These run the real process, not <c>WebApplicationFactory</c>: there the application's own start runs on
/// another thread, and when it fails at once it may dispose the host before the factory reads the host's services,
/// so the test saw "Cannot access a disposed object" instead of the variable's name (the flake these replace).
/// </summary>
public sealed class ConfigurationTests
{
    private const string Password = "S3cretPw-4711";

    // Nothing listens on port 1 of loopback: a connection there is refused at once.
    private const string ClosedDatabaseUrl = "postgresql://postgres@127.0.0.1:1/never_opened";
    private const string ClosedRedisUrl = "redis://127.0.0.1:1/0";

    [Theory]
    [InlineData("DATABASE_URL", "mysql://root@localhost/maas", "DATABASE_URL is not a valid PostgreSQL URL")]
    [InlineData("REDIS_URL", "localhost:6379", "REDIS_URL is not valid: expected redis://")]
    [InlineData("MAX_CONCURRENT_TASKS", "0", "MAX_CONCURRENT_TASKS must be between 1 and 100000, not 0.")]
    [InlineData("MAX_CONCURRENT_TASKS", "ten", "MAX_CONCURRENT_TASKS must be a whole number, not 'ten'.")]
    [InlineData("TASK_TIMEOUT_SECONDS", "-5", "TASK_TIMEOUT_SECONDS must be at least 1, not -5.")]
    [InlineData("RECOVERY_INTERVAL_SECONDS", "NaN", "RECOVERY_INTERVAL_SECONDS must be a finite number, not 'NaN'.")]
    [InlineData("SYSTEM_STATUS_INTERVAL", "0", "SYSTEM_STATUS_INTERVAL must be between 1 and 86400 seconds, not 0.")]
    [InlineData("AGENT_HEARTBEAT_MESSAGES", "yes", "AGENT_HEARTBEAT_MESSAGES must be on or off, not 'yes'.")]
    [InlineData("AI_ENGINE_PORT", "eighty", "AI_ENGINE_PORT must be a whole number, not 'eighty'.")]
    [InlineData("AI_ENGINE_PORT", "70000", "AI_ENGINE_PORT must be a port number from 1 to 65535, not 70000.")]
    [InlineData("AI_ENGINE_HOST", "not a host", "AI_ENGINE_HOST must be a host name or an IP address, not 'not a host'.")]
    [InlineData("LOG_LEVEL", "LOUD", "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, not 'LOUD'.")]
    [InlineData("LOG_FORMAT", "xml", "LOG_FORMAT must be json or text, not 'xml'.")]
    [InlineData("AI_PROVIDER", "telepathy", "AI_PROVIDER 'telepathy' is not known; the engine has: offline, openai, ollama, anthropic.")]
    [InlineData("STARTUP_RETRY_SECONDS", "-1", "STARTUP_RETRY_SECONDS must be between 0 and 86400, not -1.")]
    [InlineData("AI_ENGINE_API_KEY", "short", "AI_ENGINE_API_KEY must be one or more keys of at least 16 characters")]
    [InlineData("METRICS_REQUIRE_KEY", "yes", "METRICS_REQUIRE_KEY must be true or false, not 'yes'.")]
    [InlineData("EXECUTE_RATE_LIMIT_PER_MINUTE", "lots", "EXECUTE_RATE_LIMIT_PER_MINUTE must be a whole number, not 'lots'.")]
    [InlineData("MAX_REQUEST_BODY_BYTES", "10", "MAX_REQUEST_BODY_BYTES must be between 1024 and 1073741824, not 10.")]
    public async Task A_bad_value_stops_start_up_with_one_line_naming_the_variable(string variable, string value, string expected)
    {
        var settings = Reachable();
        settings[variable] = value;

        await using var engine = await EngineProcess.Run(settings);

        Assert.Equal(1, engine.ExitCode);
        var line = Assert.Single(engine.Lines);
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_wrong_variable_gets_its_own_line_in_one_run()
    {
        var settings = Reachable();
        settings["AI_ENGINE_PORT"] = "eighty";
        settings["LOG_LEVEL"] = "LOUD";
        settings["DATABASE_URL"] = "";
        settings["MAX_CONCURRENT_TASKS"] = "lots";
        settings["TASK_MAX_RETRIES"] = "-1";
        settings["REDIS_URL"] = "http://cache";
        settings["REDIS_INBOUND_CONCURRENCY"] = "0";

        await using var engine = await EngineProcess.Run(settings);

        Assert.Equal(1, engine.ExitCode);
        Assert.Equal(
            ["AI_ENGINE_PORT", "LOG_LEVEL", "MAX_CONCURRENT_TASKS", "DATABASE_URL", "TASK_MAX_RETRIES", "REDIS_URL", "REDIS_INBOUND_CONCURRENCY"],
            engine.Lines.Select(l => l.Split(' ')[0]));
        AssertNoStackTrace(engine);
    }

    [Fact]
    public async Task An_unreachable_database_is_waited_for_then_named_with_its_variable_and_host()
    {
        var settings = Reachable();
        settings["DATABASE_URL"] = ClosedDatabaseUrl;
        settings["STARTUP_RETRY_SECONDS"] = "2";
        settings["LOG_LEVEL"] = "WARNING";

        await using var engine = await EngineProcess.Run(settings);

        Assert.Equal(1, engine.ExitCode);
        Assert.Contains(engine.Lines, l => l.Contains("Waiting for DATABASE_URL: PostgreSQL at 127.0.0.1:1 (connection refused)", StringComparison.Ordinal));
        Assert.Contains("DATABASE_URL: PostgreSQL at 127.0.0.1:1 did not answer within 2 s (connection refused)", engine.Lines);
        AssertNoStackTrace(engine);
    }

    [Fact]
    public async Task An_unreachable_redis_is_waited_for_then_named_with_its_variable_and_host()
    {
        var settings = Reachable();
        settings["REDIS_URL"] = ClosedRedisUrl;
        settings["STARTUP_RETRY_SECONDS"] = "2";
        settings["LOG_LEVEL"] = "WARNING";

        await using var engine = await EngineProcess.Run(settings);

        Assert.Equal(1, engine.ExitCode);
        Assert.Contains(engine.Lines, l => l.Contains("Waiting for REDIS_URL: Redis at 127.0.0.1:1", StringComparison.Ordinal));
        Assert.Contains(engine.Lines, l => l.StartsWith("REDIS_URL: Redis at 127.0.0.1:1 did not answer within 2 s (", StringComparison.Ordinal));
        AssertNoStackTrace(engine);
    }

    [Theory]
    [InlineData("DATABASE_URL")]
    [InlineData("REDIS_URL")]
    public async Task A_server_that_comes_up_within_the_retry_window_is_waited_for(string variable)
    {
        await using var database = TestDatabase.Named();
        var real = new Uri(variable == "DATABASE_URL" ? database.Url : TestServers.RedisUrl);
        await using var late = TcpForwarder.Closed(real.Port);
        var channels = Channels.Unique();
        var port = FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = database.Url,
            ["REDIS_URL"] = TestServers.RedisUrl,
            [variable] = new UriBuilder(real) { Port = late.Port }.Uri.ToString(),
            ["REDIS_TASK_CHANNEL"] = channels.Tasks,
            ["REDIS_RESULT_CHANNEL"] = channels.Results,
            ["REDIS_STATUS_CHANNEL"] = channels.Status,
            ["AI_ENGINE_HOST"] = "127.0.0.1",
            ["AI_ENGINE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["STARTUP_RETRY_SECONDS"] = "60",
        };
        await using var engine = EngineProcess.Start(settings);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        await Eventually.Until(() => engine.Lines.Any(l => l.Contains($"Waiting for {variable}: ", StringComparison.Ordinal)), $"the engine to wait for {variable}");
        late.Open();

        await Eventually.Until(async () => await Answers(http, "/health"), "the engine to start once its server is up", TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(engine.Lines, l => l.Contains("did not answer", StringComparison.Ordinal));
    }

    /// <summary>Both kinds of failure that quote a server's address: a value that cannot be read, and a server that does not answer.</summary>
    [Theory]
    [InlineData("DATABASE_URL", $"postgresql://postgres:{Password}@127.0.0.1:notaport/maas")]
    [InlineData("DATABASE_URL", $"postgresql//postgres:{Password}@127.0.0.1/maas")]
    [InlineData("DATABASE_URL", $"Host=127.0.0.1;Password={Password};Bogus=1")]
    [InlineData("DATABASE_URL", $"postgresql://postgres:{Password}@127.0.0.1:1/maas")]
    [InlineData("REDIS_URL", $"redis://:{Password}@127.0.0.1:notaport/0")]
    [InlineData("REDIS_URL", $"redis//default:{Password}@127.0.0.1/0")]
    [InlineData("REDIS_URL", $"redis://default:{Password}@127.0.0.1:1/0")]
    public async Task No_line_shows_the_password_of_a_url(string variable, string url)
    {
        var settings = Reachable();
        settings[variable] = url;
        settings["STARTUP_RETRY_SECONDS"] = "1";
        settings["LOG_LEVEL"] = "DEBUG";

        await using var engine = await EngineProcess.Run(settings);

        Assert.Equal(1, engine.ExitCode);
        Assert.Contains(engine.Lines, l => l.StartsWith(variable, StringComparison.Ordinal));
        Assert.DoesNotContain(Password, engine.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_engine_shows_no_password_in_its_logs_or_http_answers()
    {
        await using var database = TestDatabase.Named();
        var channels = Channels.Unique();
        var port = FreePort();
        var settings = new Dictionary<string, string?>
        {
            // The test servers take any password (PostgreSQL trusts loopback; Redis's default user has none), so
            // a password can ride along in both URLs of an engine that really runs.
            ["DATABASE_URL"] = WithPassword(database.Url),
            ["REDIS_URL"] = WithPassword(TestServers.RedisUrl, user: "default"),
            ["REDIS_TASK_CHANNEL"] = channels.Tasks,
            ["REDIS_RESULT_CHANNEL"] = channels.Results,
            ["REDIS_STATUS_CHANNEL"] = channels.Status,
            ["AI_ENGINE_HOST"] = "127.0.0.1",
            ["AI_ENGINE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LOG_LEVEL"] = "DEBUG",
        };
        await using var engine = EngineProcess.Start(settings);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        await Eventually.Until(async () => await Answers(http, "/health"), "the engine to answer /health as healthy", TimeSpan.FromSeconds(60));
        var bodies = new List<string>();
        foreach (var path in new[] { "/health", "/stats", "/agents", "/tasks/processing", "/tasks/no-such-task", "/openapi/v1.json" })
        {
            bodies.Add(await (await http.GetAsync(new Uri(path, UriKind.Relative))).Content.ReadAsStringAsync());
        }

        Assert.Contains(engine.Lines, l => l.Contains("Listening on Redis channels", StringComparison.Ordinal));
        Assert.All(bodies, body => Assert.DoesNotContain(Password, body, StringComparison.Ordinal));
        Assert.DoesNotContain(Password, engine.Output, StringComparison.Ordinal);
    }

    private static async Task<bool> Answers(HttpClient http, string path)
    {
        try
        {
            return (await http.GetAsync(new Uri(path, UriKind.Relative))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static string WithPassword(string url, string user = "") =>
        new UriBuilder(url) { UserName = user.Length > 0 ? user : new Uri(url).UserInfo, Password = Password }.Uri.ToString();

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Dictionary<string, string?> Reachable() => new()
    {
        ["DATABASE_URL"] = TestServers.DatabaseUrl,
        ["REDIS_URL"] = TestServers.RedisUrl,
    };

    private static void AssertNoStackTrace(EngineProcess engine)
    {
        Assert.DoesNotContain("Unhandled exception", engine.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(engine.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", engine.Output, StringComparison.Ordinal);
    }
}
