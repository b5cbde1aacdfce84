using System.Globalization;

namespace Maas.Bench;

/// <summary>What the suite runs against and how big it runs; every value has a default that run.sh may override with <c>--name value</c>.</summary>
public sealed class BenchSettings
{
    public required string EngineDll { get; init; }

    public required string RedisUrl { get; init; }

    /// <summary>A <c>postgresql://</c> URL of the bench's own database; the suite drops it first and the engine creates it again.</summary>
    public required string DatabaseUrl { get; init; }

    /// <summary>Npgsql settings appended to the engine's DATABASE_URL as a query (<c>NoResetOnClose=true&amp;MaxAutoPrepare=20</c>), to try a setting without changing the engine.</summary>
    public string? EngineDatabaseOptions { get; init; }

    public required string ResultsDir { get; init; }

    /// <summary>Engine logs, counters and traces: evidence for the report, not part of it.</summary>
    public required string ArtifactsDir { get; init; }

    /// <summary>Where dotnet-counters and dotnet-trace are, if run.sh could install them; profiling is skipped without them.</summary>
    public string? ToolsDir { get; init; }

    public int EnginePort { get; init; } = 8011;

    /// <summary>Channel names of the bench's own, so nothing else listening on the shared Redis hears the load.</summary>
    public string ChannelPrefix { get; init; } = "maas_bench:";

    /// <summary>Workers of the engine in the throughput runs (its default is 10).</summary>
    public int MaxConcurrentTasks { get; init; } = 64;

    /// <summary>"As fast as possible" keeps at most this many tasks unfinished: pub/sub has no back-pressure, and an unbounded burst would measure the engine's inbound queue rather than its rate.</summary>
    public int Window { get; init; } = 1000;

    public IReadOnlyList<int> OfferedRates { get; init; } = [50, 100, 250, 500, 1000, 2000];

    /// <summary>Seconds each offered-rate run publishes for.</summary>
    public int RateSeconds { get; init; } = 10;

    public IReadOnlyList<int> ScaleCounts { get; init; } = [1_000, 10_000, 100_000];

    public IReadOnlyList<int> InFlightCounts { get; init; } = [2_000, 10_000];

    public int InFlightAgentDelayMs { get; init; } = 30_000;

    /// <summary>The most tasks the throughput engine is warmed up with, in batches of 2,000, until its rate stops rising.</summary>
    public int WarmupTasks { get; init; } = 30_000;

    /// <summary>A run that completes nothing for this long is stopped and its missing tasks reported as lost.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Engines export traces and metrics over OTLP/HTTP to a local sink the bench runs (<see cref="Engine.OtlpSink"/>),
    /// to measure what telemetry costs (<c>bash bench/run.sh --otlp</c>).
    /// </summary>
    public bool Otlp { get; init; }

    /// <summary>The exact command line, for the report.</summary>
    public string Command { get; init; } = "bash bench/run.sh";

    public string TaskChannel => ChannelPrefix + "task_requests";

    public string ResultChannel => ChannelPrefix + "task_results";

    public string StatusChannel => ChannelPrefix + "task_status";

    /// <summary>Reads <c>--name value</c> pairs; names are the property names in kebab case (<c>--scale-counts 1000,10000</c>).</summary>
    public static BenchSettings FromArgs(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --name value pairs, got '{args[i]}'");
            }

            values[args[i][2..]] = args[++i];
        }

        string Required(string name) => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        IReadOnlyList<int> Ints(string name, IReadOnlyList<int> fallback) => values.TryGetValue(name, out var v)
            ? [.. v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => int.Parse(x, CultureInfo.InvariantCulture))]
            : fallback;

        var defaults = new BenchSettings { EngineDll = "", RedisUrl = "", DatabaseUrl = "", ResultsDir = "", ArtifactsDir = "" };
        return new BenchSettings
        {
            EngineDll = Required("engine-dll"),
            RedisUrl = Required("redis-url"),
            DatabaseUrl = Required("database-url"),
            ResultsDir = Required("results-dir"),
            ArtifactsDir = Required("artifacts-dir"),
            ToolsDir = values.GetValueOrDefault("tools-dir"),
            EngineDatabaseOptions = values.GetValueOrDefault("engine-database-options"),
            EnginePort = Int("engine-port", defaults.EnginePort),
            MaxConcurrentTasks = Int("max-concurrent-tasks", defaults.MaxConcurrentTasks),
            Window = Int("window", defaults.Window),
            OfferedRates = Ints("offered-rates", defaults.OfferedRates),
            RateSeconds = Int("rate-seconds", defaults.RateSeconds),
            ScaleCounts = Ints("scale-counts", defaults.ScaleCounts),
            InFlightCounts = Ints("in-flight-counts", defaults.InFlightCounts),
            InFlightAgentDelayMs = Int("in-flight-agent-delay-ms", defaults.InFlightAgentDelayMs),
            WarmupTasks = Int("warmup-tasks", defaults.WarmupTasks),
            Command = values.GetValueOrDefault("command") ?? defaults.Command,
            Otlp = values.GetValueOrDefault("otlp") is { } otlp && bool.Parse(otlp),
        };
    }
}
