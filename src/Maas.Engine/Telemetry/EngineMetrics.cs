using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Maas.Contracts.Diagnostics;

namespace Maas.Engine.Telemetry;

/// <summary>
/// The engine's instruments on the one <c>Maas.Engine</c> meter, created once per process. Names follow OpenTelemetry's
/// conventions (dots, a unit); the Prometheus scrape shows them with underscores and the unit (README, "Observability").
/// Every label value that comes from the platform goes through <see cref="MetricLabels"/> first.
/// </summary>
internal static class EngineMetrics
{
    // Tasks take from milliseconds (offline) to minutes (a real model): the SDK's default buckets are for milliseconds.
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private static readonly ConcurrentDictionary<Func<int>, byte> QueueDepthSources = new();

    public static readonly Counter<long> TasksFinished = EngineTelemetry.Meter.CreateCounter<long>(
        "maas.tasks.finished", "{task}", "Tasks that reached a final state, by outcome (completed, failed, cancelled), task_type and error_type.");

    public static readonly Histogram<double> QueueWait = EngineTelemetry.Meter.CreateHistogram(
        "maas.tasks.queue_wait.duration", "s", "From a task's queueing (its arrival, or its retry falling due) to a worker taking it.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    public static readonly Histogram<double> Execution = EngineTelemetry.Meter.CreateHistogram(
        "maas.tasks.execution.duration", "s", "One attempt on a worker, by task_type, agent_id and outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    public static readonly Histogram<double> EndToEnd = EngineTelemetry.Meter.CreateHistogram(
        "maas.tasks.duration", "s", "From a task's receipt to its final state, retries included, by task_type and outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    public static readonly UpDownCounter<long> InFlight = EngineTelemetry.Meter.CreateUpDownCounter<long>(
        "maas.tasks.in_flight", "{task}", "Attempts running on this instance's workers now.");

    public static readonly Counter<long> Retries = EngineTelemetry.Meter.CreateCounter<long>(
        "maas.tasks.retries", "{attempt}", "Attempts after a task's first, by task_type.");

    public static readonly Counter<long> Tokens = EngineTelemetry.Meter.CreateCounter<long>(
        "maas.model.tokens", "{token}", "Tokens the provider reported for successful attempts, by model and token_type (input, output).");

    public static readonly Counter<double> Cost = EngineTelemetry.Meter.CreateCounter<double>(
        "maas.model.cost", "USD", "Estimated cost (MODEL_PRICES) of successful attempts, by model.");

    public static readonly ObservableGauge<int> QueueDepth = EngineTelemetry.Meter.CreateObservableGauge(
        "maas.tasks.queue_depth", () => QueueDepthSources.Keys.Sum(depth => depth()), "{task}", "Tasks waiting for a worker on this instance.");

    /// <summary>Counts a backlog in <see cref="QueueDepth"/> until the returned handle is disposed (tests host several engines in one process).</summary>
    public static IDisposable ObserveQueueDepth(Func<int> depth)
    {
        QueueDepthSources[depth] = 0;
        return new Unobserve(depth);
    }

    private sealed class Unobserve(Func<int> depth) : IDisposable
    {
        public void Dispose() => QueueDepthSources.TryRemove(depth, out _);
    }
}
