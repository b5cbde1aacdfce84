using System.Diagnostics;
using System.Globalization;
using Maas.Bench.Engine;
using Maas.Bench.Platform;
using Maas.Bench.Results;

namespace Maas.Bench;

/// <summary>
/// A last run on the warmed-up engine, under load as fast as possible, with dotnet-trace sampling its threads and
/// dotnet-counters reading its runtime, EF Core and Npgsql counters (tracing slows the engine, so no other figure of the
/// report comes from this run).
/// </summary>
public static class Profiler
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(20);

    public static async Task<Profile?> Run(BenchSettings settings, string tools, TaskPlayer player, EngineProcess engine, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(player);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(problems);
        var trace = Path.Combine(settings.ArtifactsDir, "engine.nettrace");
        var counters = Path.Combine(settings.ArtifactsDir, "engine-counters.csv");
        File.Delete(trace);
        File.Delete(counters);

        Log.Line($"profile: tracing the engine for {Duration.TotalSeconds:0} s under load as fast as possible");
        var pid = engine.Pid.ToString(CultureInfo.InvariantCulture);
        var duration = Duration.ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture);
        using var tracer = Tool(tools, "dotnet-trace", "collect", "-p", pid, "--profile", "dotnet-sampled-thread-time", "--duration", duration, "-o", trace);
        using var counter = Tool(tools, "dotnet-counters", "collect", "-p", pid, "--refresh-interval", "1", "--format", "csv", "-o", counters,
            "--duration", duration, "--counters", "System.Runtime,Microsoft.EntityFrameworkCore,Npgsql");
        var started = Stopwatch.GetTimestamp();
        var tasks = 0;
        while (!tracer.HasExited || !counter.HasExited)
        {
            tasks += (await player.Play(1_000, null, settings.Window, settings.StallTimeout)).Completed;
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (!File.Exists(trace))
        {
            problems.Add($"profile: dotnet-trace wrote no trace (exit code {tracer.ExitCode}); see bench/.artifacts/suite.log");
            return null;
        }

        return new Profile(
            $"{tasks:N0} tasks as fast as possible, {tasks / seconds:N0} tasks/s while traced",
            seconds,
            await Report(tools, trace, inclusive: false),
            await Report(tools, trace, inclusive: true),
            File.Exists(counters) ? CounterMeans(counters) : []);
    }

    private static Process Tool(string tools, string name, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(tools, name), args) { UseShellExecute = false, RedirectStandardOutput = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
        // Their progress display is of no use in a log; drain it so the tool never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        return process;
    }

    private static async Task<string> Report(string tools, string trace, bool inclusive)
    {
        string[] args = ["report", trace, "topN", "-n", "30", .. inclusive ? ["--inclusive"] : Array.Empty<string>()];
        var start = new ProcessStartInfo(Path.Combine(tools, "dotnet-trace"), args) { UseShellExecute = false, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }

    /// <summary>dotnet-counters' CSV (<c>Timestamp,Provider,Counter Name,Counter Type,Mean/Increment</c>), averaged per counter.</summary>
    private static List<CounterMean> CounterMeans(string csv) =>
        [.. File.ReadLines(csv).Skip(1)
            .Select(line => line.Split(','))
            .Where(f => f.Length >= 5 && double.TryParse(f[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .GroupBy(f => (Provider: f[1], Name: string.Join(',', f[2..^2])))
            .Select(g => new CounterMean(g.Key.Provider, Shorten(g.Key.Name), g.Average(f => double.Parse(f[^1], CultureInfo.InvariantCulture))))
            .OrderBy(c => c.Provider, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal)];

    /// <summary>Npgsql tags every counter with its pool's connection string and the server; one pool, one server here, so they are noise.</summary>
    private static string Shorten(string name) =>
        System.Text.RegularExpressions.Regex.Replace(name, @"db\.client\.connection\.pool\.name=Host=[^\]]*?Username=[^;\]]*;?|(db\.system\.name|server\.address|server\.port)=[^;\]]*;?", "")
            .Replace("[]", "", StringComparison.Ordinal);
}
