using Maas.Bench.Measure;

namespace Maas.Bench.Platform;

/// <summary>What the platform's side saw of one run.</summary>
/// <param name="OfferedRate">Tasks a second the publisher aimed at; null for as fast as possible within the window.</param>
/// <param name="Seconds">From the first publish to the last result.</param>
/// <param name="PublishSeconds">From the first publish to the last.</param>
/// <param name="Lost">Published tasks with no result when the run stopped waiting.</param>
public sealed record PlayOutcome(
    int Count,
    double? OfferedRate,
    int Window,
    int Completed,
    int Failed,
    int Lost,
    double Seconds,
    double PublishSeconds,
    int MaxInFlight,
    Latency ToInProgress,
    Latency ToCompleted)
{
    public double TasksPerSecond => Completed / Seconds;
}
