using System.Diagnostics;

namespace Maas.Bench.Measure;

/// <summary>
/// CPU ticks of the whole machine and of each process at one moment. The difference of two snapshots says how many
/// cores the engine, PostgreSQL, Redis and the bench used, and how much went to anything else on the machine (another
/// engineer's test run, say): the part that tells whether a run was disturbed. PostgreSQL backends serving another
/// database of the shared server count as other load too.
/// </summary>
public sealed class CpuSnapshot
{
    private readonly Dictionary<int, (string Comm, long Ticks)> _processes = [];

    private CpuSnapshot()
    {
    }

    public long Timestamp { get; private init; }

    public long MachineBusy { get; private init; }

    public long MachineSteal { get; private init; }

    public static CpuSnapshot Take(string benchDatabase)
    {
        var (busy, steal) = ProcFs.MachineTicks();
        var snapshot = new CpuSnapshot { Timestamp = Stopwatch.GetTimestamp(), MachineBusy = busy, MachineSteal = steal };
        foreach (var pid in ProcFs.Pids())
        {
            if (ProcFs.CpuTicks(pid) is { } cpu)
            {
                snapshot._processes[pid] = cpu.Comm == "postgres" && ServesAnotherDatabase(pid, benchDatabase) ? ("postgres-other", cpu.Ticks) : cpu;
            }
        }

        return snapshot;
    }

    /// <summary>A client backend's title is <c>postgres: user database host(port) state</c>; server processes have no host.</summary>
    private static bool ServesAnotherDatabase(int pid, string benchDatabase)
    {
        try
        {
            var title = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return (title.Contains('(', StringComparison.Ordinal) || title.Contains("[local]", StringComparison.Ordinal))
                && !title.Contains($" {benchDatabase} ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Cores used between <paramref name="before"/> and <paramref name="after"/>, by kind of process.</summary>
    public static CpuSplit Between(CpuSnapshot before, CpuSnapshot after, int enginePid)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var seconds = Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds;
        double Cores(long ticks) => ticks / ProcFs.TicksPerSecond / seconds;

        long engine = 0, postgres = 0, redis = 0, bench = 0;
        foreach (var (pid, (comm, ticks)) in after._processes)
        {
            // A process born during the interval counts from zero; one that died in it is left to "other" below.
            var delta = ticks - (before._processes.TryGetValue(pid, out var b) && b.Comm == comm ? b.Ticks : 0);
            if (pid == enginePid)
            {
                engine += delta;
            }
            else if (pid == Environment.ProcessId)
            {
                bench += delta;
            }
            else if (comm == "postgres")
            {
                postgres += delta;
            }
            else if (comm.StartsWith("redis-server", StringComparison.Ordinal))
            {
                redis += delta;
            }
        }

        var machine = after.MachineBusy - before.MachineBusy;
        return new CpuSplit(
            Seconds: seconds,
            Machine: Cores(machine),
            Engine: Cores(engine),
            Postgres: Cores(postgres),
            Redis: Cores(redis),
            Bench: Cores(bench),
            Other: Math.Max(0, Cores(machine - engine - postgres - redis - bench)),
            Steal: Cores(after.MachineSteal - before.MachineSteal),
            EngineCpuSeconds: engine / ProcFs.TicksPerSecond);
    }
}
