namespace Maas.Bench.Measure;

/// <summary>Average cores used over an interval, by kind of process (the machine has <c>nproc</c> of them).</summary>
/// <param name="Other">Processes that are none of the others: another engineer's builds and tests, say.</param>
/// <param name="Steal">Time the hypervisor gave to other guests of the host.</param>
public sealed record CpuSplit(
    double Seconds,
    double Machine,
    double Engine,
    double Postgres,
    double Redis,
    double Bench,
    double Other,
    double Steal,
    double EngineCpuSeconds)
{
    /// <summary>Cores taken by anything but the benchmark's own processes: what makes a run disturbed.</summary>
    public double Disturbance => Other + Steal;
}
