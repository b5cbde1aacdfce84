using System.Diagnostics;

namespace Maas.Contracts.Diagnostics;

/// <summary>
/// W3C <c>traceparent</c> texts, the form a run's trace context takes in messages and in the saga row, and the one
/// rule for parenting a span of a run: under the current span (<see cref="RunSpan"/>) when it belongs to the run's
/// trace, otherwise under the run's stored context (a timer, the recovery sweep or another instance continuing the run).
/// </summary>
public static class TraceParents
{
    /// <summary>The text when it is a valid <c>traceparent</c>; null otherwise (a malformed one is ignored, never an error).</summary>
    public static string? Valid(string? traceParent) =>
        traceParent is { Length: 55 } && ActivityContext.TryParse(traceParent, null, out _) ? traceParent : null;

    /// <summary>The <c>traceparent</c> of a span, or null without one.</summary>
    public static string? Of(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C } ? activity.Id : null;

    /// <summary>
    /// Starts a span of a run whose trace context is <paramref name="run"/> (null: the current span's, if any).
    /// Null, with no work done, while nobody listens.
    /// </summary>
    public static Activity? Start(string name, ActivityKind kind, string? run)
    {
        if (!EngineTelemetry.Source.HasListeners())
        {
            return null;
        }

        var current = RunSpan.Current;
        if (run is null || !ActivityContext.TryParse(run, null, out var parent) || (current is not null && current.TraceId == parent.TraceId))
        {
            // Under the current span; one a dispatch hid (RunSpan) is named as the parent, since it is not Activity.Current.
            return current is null || current == Activity.Current
                ? EngineTelemetry.Source.StartActivity(name, kind)
                : EngineTelemetry.Source.StartActivity(name, kind, current.Context);
        }

        return EngineTelemetry.Source.StartActivity(name, kind, parent);
    }
}
