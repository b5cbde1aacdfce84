using Maas.Bench.Measure;
using Maas.Bench.Platform;

namespace Maas.Bench.Results;

/// <summary>One measured run against a fresh engine: what the platform saw, and what the engine's process and PostgreSQL spent.</summary>
/// <param name="Workers">The engine's <c>MAX_CONCURRENT_TASKS</c>.</param>
/// <param name="RssBeforeKb">After start-up and warm-up, just before the run.</param>
/// <param name="RssIdleKb">Fourteen seconds after the last result, with nothing to do.</param>
/// <param name="IdleEngineCores">Cores the engine used in the twelve seconds it then sat idle.</param>
/// <param name="Repeats">How many times the run was repeated because something else loaded the machine.</param>
public sealed record RunResult(
    string Name,
    PlayOutcome Play,
    int Workers,
    int AgentDelayMs,
    long RssBeforeKb,
    long RssAfterKb,
    long RssIdleKb,
    long PeakRssKb,
    long HwmKb,
    CpuSplit Cpu,
    double? IdleEngineCores,
    SqlPerTask? Sql,
    IReadOnlyList<MemorySample> Memory,
    string LoadBefore,
    string LoadAfter,
    int Repeats = 0)
{
    public double EngineCpuMsPerTask => Cpu.EngineCpuSeconds * 1000 / Math.Max(1, Play.Completed + Play.Failed);
}
