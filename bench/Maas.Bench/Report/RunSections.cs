using System.Globalization;
using System.Text;
using Maas.Bench.Results;
using static Maas.Bench.Report.Markdown;

namespace Maas.Bench.Report;

/// <summary>The report's sections of measured figures: the machine, its ceilings, the runs, memory, tasks in flight and SQL.</summary>
public static class RunSections
{
    public static void Machine(StringBuilder md, SuiteResult r)
    {
        var m = r.Machine;
        Line(md, "## Machine");
        Line(md);
        Line(md, "| | |");
        Line(md, "|---|---|");
        Line(md, $"| cores (`nproc`) | {m.Cores} ({m.CpuModel}) |");
        Line(md, $"| memory | {m.MemoryGiB:N1} GiB |");
        Line(md, $"| kernel | {m.Kernel} |");
        Line(md, $"| .NET | {m.DotNet}; the engine runs with Server GC (the web SDK's default) |");
        Line(md, $"| PostgreSQL | {m.Postgres} on loopback; {m.PostgresSettings} |");
        Line(md, $"| Redis | {m.Redis} on loopback |");
        Line(md, $"| load average at start (1/5/15 min, runnable/total) | {m.LoadAtStart} |");
        Line(md);
        Line(md, "Other load is measured per run from `/proc`: machine busy time less the engine, PostgreSQL (server processes and backends of the bench's " +
            "database), Redis and the bench; steal is CPU time the hypervisor gave to other guests (`/proc/stat`). A run where the two together passed 0.2 cores " +
            "was repeated (up to twice, runs under 100,000 tasks) and the least disturbed kept; the columns `other` and `steal` show what remained. " +
            "The load average is the host's and counts other tenants, so it is given but not used to judge.");
        Line(md);
    }

    public static void Ceilings(StringBuilder md, SuiteResult r, CeilingResult? redis, CeilingResult? pgLean)
    {
        Line(md, "## Ceilings of this machine (no engine running)");
        Line(md);
        Line(md, "| ceiling | rate | PostgreSQL cores | Redis cores | bench cores | other cores | steal | load before -> after |");
        Line(md, "|---|---|---|---|---|---|---|---|");
        foreach (var c in r.Ceilings)
        {
            Line(md, $"| {c.Name} | **{c.Rate:N0} {c.Unit}** | {c.Cpu.Postgres:0.00} | {c.Cpu.Redis:0.00} | {c.Cpu.Bench:0.00} | {c.Cpu.Other:0.00} | {c.Cpu.Steal:0.00} | {c.LoadBefore.Split(' ')[0]} -> {c.LoadAfter.Split(' ')[0]} |");
        }

        Line(md);
        Line(md, "The PostgreSQL ceilings run on a scratch copy of `ai_engine.task_state` made with `CREATE TABLE bench_ceiling.task_state (LIKE ai_engine.task_state INCLUDING ALL)` " +
            "after the engine created its schema, so the columns, keys and indexes are the engine's:");
        Line(md);
        foreach (var index in r.CeilingTableIndexes)
        {
            Line(md, $"- `{index}`");
        }

        Line(md);
        Line(md, "Statements are prepared, with the version check on `xmin` the engine's repository uses. In the first PostgreSQL ceiling each statement is its own transaction, " +
            "sent one at a time by 16 clients: the classic repository's pattern, and the ceiling the issue names. In the second, the engine's statements are sent as its " +
            "group commit sends them when busy: one step of 64 tasks per batch and commit, on 4 connections (`SAGA_DB_CONNECTIONS`), so the engine can pass the first ceiling.");
        if (redis is not null && pgLean is not null)
        {
            Line(md, $"Redis can carry about {redis.Rate / ReportWriter.RedisMessagesPerTask:N0} tasks/s at {ReportWriter.RedisMessagesPerTask} messages a task, so PostgreSQL ({pgLean.Rate:N0} tasks/s) is the lower ceiling.");
        }

        Line(md);
    }

    public static void Runs(StringBuilder md, string title, string intro, IReadOnlyList<RunResult> runs)
    {
        Line(md, title);
        Line(md);
        Line(md, intro);
        Line(md);
        Line(md, "| run | tasks | completed/s | publish rate | IN_PROGRESS p50 / p95 / p99 ms | completed p50 / p95 / p99 ms | lost / failed | cores engine / pg / redis / bench / other / steal | engine CPU ms/task | peak RSS | load before -> after | repeats |");
        Line(md, "|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var x in runs)
        {
            var p = x.Play;
            Line(md, $"| {x.Name} | {p.Count:N0} | **{p.TasksPerSecond:N0}** | {p.Count / p.PublishSeconds:N0}/s | {Ms(p.ToInProgress.P50)} / {Ms(p.ToInProgress.P95)} / {Ms(p.ToInProgress.P99)} | " +
                $"{Ms(p.ToCompleted.P50)} / {Ms(p.ToCompleted.P95)} / {Ms(p.ToCompleted.P99)} | {p.Lost} / {p.Failed} | {Cpu(x)} | {x.EngineCpuMsPerTask:N2} | {Mb(x.PeakRssKb)} | " +
                $"{x.LoadBefore.Split(' ')[0]} -> {x.LoadAfter.Split(' ')[0]} | {x.Repeats} |");
        }

        Line(md);
    }

    public static void Memory(StringBuilder md, IReadOnlyList<RunResult> runs)
    {
        Line(md, "### Memory of the engine, and its CPU at rest, after each run");
        Line(md);
        Line(md, "| run | RSS before | peak RSS | RSS after the run | RSS idle 14 s later | VmHWM | growth from 25 % to 100 % finished | engine cores while idle after |");
        Line(md, "|---|---|---|---|---|---|---|---|");
        foreach (var x in runs)
        {
            Line(md, $"| {x.Name} | {Mb(x.RssBeforeKb)} | {Mb(x.PeakRssKb)} | {Mb(x.RssAfterKb)} | {Mb(x.RssIdleKb)} | {Mb(x.HwmKb)} | {Growth(GrowthPerThousandKb(x))} | {(x.IdleEngineCores is { } idle ? idle.ToString("0.00", CultureInfo.InvariantCulture) : "-")} |");
        }

        Line(md);
    }

    public static void InFlight(StringBuilder md, IReadOnlyList<RunResult> runs)
    {
        if (runs.Count == 0)
        {
            return;
        }

        Line(md, "## Many tasks in flight on one instance");
        Line(md);
        Line(md, "All tasks published at once to one engine whose offline agent takes `OFFLINE_AGENT_DELAY_MS` per task and whose `MAX_CONCURRENT_TASKS` " +
            "equals the task count, so every accepted task holds a worker, a saga row in `InProgress` and a Quartz timer while it waits.");
        Line(md);
        Line(md, "| run | agent delay | most running at once | RSS before | RSS at most running | per in-flight task | peak RSS | completed / lost / failed | all done after | IN_PROGRESS p50 / p99 ms | engine cores while accepting |");
        Line(md, "|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var x in runs)
        {
            var p = x.Play;
            Line(md, $"| {x.Name} | {x.AgentDelayMs / 1000.0:N0} s | {p.MaxInFlight:N0} | {Mb(x.RssBeforeKb)} | {Mb(AtMostInFlight(x))} | {PerInFlightKb(x):N1} KiB | {Mb(x.PeakRssKb)} | " +
                $"{p.Completed:N0} / {p.Lost} / {p.Failed} | {p.Seconds:N1} s | {Ms(p.ToInProgress.P50)} / {Ms(p.ToInProgress.P99)} | {x.Cpu.Engine:0.00} |");
        }

        Line(md);
    }

    public static void Sql(StringBuilder md, SuiteResult r)
    {
        Line(md, "## What PostgreSQL did per task");
        Line(md);
        Line(md, "From `pg_stat_database` (the bench database) and `pg_stat_user_tables` (`ai_engine.task_state`), read before the engine started and after it " +
            "stopped, divided by the tasks of the run and its warm-up; the engine's heartbeat and recovery sweep are included.");
        Line(md);
        Line(md, "| run | commits | rollbacks | rows inserted | rows updated | rows fetched | index scans on task_state | HOT updates |");
        Line(md, "|---|---|---|---|---|---|---|---|");
        foreach (var x in r.Sweep.Concat(r.Scale).Concat(r.InFlight))
        {
            if (x.Sql is { } s)
            {
                Line(md, $"| {x.Name} | {s.Commits:N2} | {s.Rollbacks:N2} | {s.Inserted:N2} | {s.Updated:N2} | {s.Fetched:N2} | {s.IndexScans:N2} | {s.HotUpdates:N2} |");
            }
        }

        Line(md);
    }

    /// <summary>RSS when the most tasks were running, less RSS before the run, per running task.</summary>
    public static double PerInFlightKb(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Play.MaxInFlight == 0 ? double.NaN : (AtMostInFlight(run) - run.RssBeforeKb) / (double)run.Play.MaxInFlight;
    }

    private static long AtMostInFlight(RunResult run) =>
        run.Memory.Count == 0 ? run.PeakRssKb : run.Memory.MaxBy(s => (s.InFlight, s.RssKb))!.RssKb;

    /// <summary>RSS change per 1,000 finished tasks between the sample at 25 % finished and the end of the run.</summary>
    public static double GrowthPerThousandKb(RunResult run)
    {
        var quarter = run.Memory.FirstOrDefault(s => s.Finished >= run.Play.Count / 4);
        var finishedAfter = run.Play.Completed + run.Play.Failed - (quarter?.Finished ?? 0);
        return quarter is null || finishedAfter <= 0 ? double.NaN : (run.RssAfterKb - quarter.RssKb) * 1000.0 / finishedAfter;
    }
}
