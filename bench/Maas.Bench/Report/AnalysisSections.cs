using System.Text;
using Maas.Bench.Results;
using static Maas.Bench.Report.Markdown;

namespace Maas.Bench.Report;

/// <summary>The report's sections that explain the figures: where the time goes (CPU split, profile, counters) and the micro-benchmarks.</summary>
public static class AnalysisSections
{
    public static void TimeGoes(StringBuilder md, SuiteResult r, RunResult? headline)
    {
        Line(md, "## Where the time goes");
        Line(md);
        if (headline is not null)
        {
            var c = headline.Cpu;
            Line(md, $"During `{headline.Name}` the machine was {c.Machine / r.Machine.Cores:P0} busy: the engine used {c.Engine:0.00} cores, PostgreSQL {c.Postgres:0.00}, " +
                $"Redis {c.Redis:0.00}, the bench {c.Bench:0.00}, everything else {c.Other:0.00} and steal {c.Steal:0.00}, for {headline.Play.TasksPerSecond:N0} tasks/s: " +
                $"{headline.EngineCpuMsPerTask:N2} ms of engine CPU and {c.Postgres * 1000 / headline.Play.TasksPerSecond:N2} ms of PostgreSQL CPU per task. " +
                (headline.IdleEngineCores is { } idle ? $"Idle after the run, the engine used {idle:0.00} cores." : ""));
            Line(md);
        }

        if (r.Profile is { } profile)
        {
            Line(md, $"### Profile of the engine ({profile.Run}, {profile.Seconds:N0} s, `dotnet-trace collect --profile dotnet-sampled-thread-time`)");
            Line(md);
            var jit = profile.Counters.FirstOrDefault(c => c.Name.StartsWith("dotnet.jit.compilation.time", StringComparison.Ordinal));
            var jitted = profile.Counters.FirstOrDefault(c => c.Name.StartsWith("dotnet.jit.compiled_methods", StringComparison.Ordinal));
            var cpu = profile.Counters.Where(c => c.Name.StartsWith("dotnet.process.cpu.time", StringComparison.Ordinal)).Sum(c => c.Mean);
            if (jit is not null && jitted is not null)
            {
                Line(md, $"After the warm-up and every run above, the JIT still compiled **{jitted.Mean:N0} methods/s**, taking **{jit.Mean:N2} s of CPU per second** " +
                    $"of the engine's {cpu:N2} (dotnet-counters, below).");
                Line(md);
            }

            Line(md, "The samples are of thread time (waiting threads included: the runtime's thread pool and timers dominate the exclusive list); " +
                "the inclusive list shows which paths the busy threads were on. Top methods by exclusive samples (`dotnet-trace report ... topN`):");
            Line(md);
            Line(md, "```");
            Line(md, profile.TopExclusive.TrimEnd());
            Line(md, "```");
            Line(md);
            Line(md, "Top methods by inclusive samples:");
            Line(md);
            Line(md, "```");
            Line(md, profile.TopInclusive.TrimEnd());
            Line(md, "```");
            Line(md);
            if (profile.Counters.Count > 0)
            {
                Line(md, "Counters over the same run (`dotnet-counters collect`, mean of the 1 s samples):");
                Line(md);
                Line(md, "| provider | counter | mean |");
                Line(md, "|---|---|---|");
                foreach (var counter in profile.Counters)
                {
                    Line(md, $"| {counter.Provider} | {counter.Name} | {counter.Mean:N2} |");
                }

                Line(md);
            }
        }
        else
        {
            Line(md, "No profile: dotnet-trace and dotnet-counters were not available to the run.");
            Line(md);
        }
    }

    public static void Micro(StringBuilder md, string microDir)
    {
        Line(md, "## Micro-benchmarks (BenchmarkDotNet)");
        Line(md);
        var tables = Directory.Exists(microDir) ? Directory.GetFiles(microDir, "*-report-github.md", SearchOption.AllDirectories).Order().ToList() : [];
        if (tables.Count == 0)
        {
            Line(md, "Not run (`bench/run.sh` runs them before the end-to-end suite; `--skip-micro` leaves them out).");
            Line(md);
            return;
        }

        foreach (var table in tables)
        {
            Line(md, $"### {Path.GetFileName(table).Replace("-report-github.md", "", StringComparison.Ordinal).Split('.').Last()}");
            Line(md);
            Line(md, File.ReadAllText(table).Trim());
            Line(md);
        }
    }
}
