using System.Diagnostics;
using System.Diagnostics.Metrics;
using Maas.Contracts.Diagnostics;
using Maas.Contracts.Messages;
using Maas.RedisBridge.Inbound;

namespace Maas.RedisBridge.Diagnostics;

/// <summary>
/// The bridge's spans (one per Redis message received, one per Redis publish) and its dead-letter counter, on the
/// engine's <c>Maas.Engine</c> source and meter. Spans follow OpenTelemetry's messaging conventions.
/// </summary>
internal static class BridgeTelemetry
{
    public static readonly Counter<long> DeadLetters = EngineTelemetry.Meter.CreateCounter<long>(
        "maas.dead_letters", "{message}", "Messages kept as dead letters (nobody to answer), by channel.");

    /// <summary>
    /// The span of a received message: the root of the task's run, or a child of the platform's <c>traceparent</c>.
    /// Null while nobody listens.
    /// </summary>
    public static Activity? Receive(string channel, InboundMessage inbound)
    {
        if (!EngineTelemetry.Source.HasListeners())
        {
            return null;
        }

        var (taskId, taskType, traceParent) = inbound switch
        {
            InboundMessage.Execute execute => (execute.Command.TaskId, execute.Command.TaskType, execute.Command.TraceParent),
            InboundMessage.Cancel cancel => (cancel.Command.TaskId, null, null),
            InboundMessage.Invalid invalid => (invalid.TaskId, null, null),
            _ => ((string?)null, (string?)null, (string?)null),
        };

        // A receive span never continues whatever happened to be current: its parent is the sender's or none.
        Activity.Current = null;
        var span = traceParent is not null && ActivityContext.TryParse(traceParent, null, out var parent)
            ? EngineTelemetry.Source.StartActivity("receive " + channel, ActivityKind.Consumer, parent)
            : EngineTelemetry.Source.StartActivity("receive " + channel, ActivityKind.Consumer);
        span?.SetTag("messaging.system", "redis")
            .SetTag("messaging.destination.name", channel)
            .SetTag("messaging.operation.type", "receive")
            .SetTag("maas.message", inbound.GetType().Name.ToLowerInvariant())
            .SetTag(EngineTelemetry.TaskId, taskId)
            .SetTag(EngineTelemetry.TaskType, taskType);
        return span;
    }

    /// <summary>The request with the receive span's context as its run's, so the saga keeps it in the row.</summary>
    public static ExecuteTask InRun(ExecuteTask command) =>
        TraceParents.Of(Activity.Current) is { } current && Activity.Current!.Source == EngineTelemetry.Source
            ? command with { TraceParent = current }
            : command;

    /// <summary>
    /// The span of one Redis publish, in the run <paramref name="traceParent"/> names (or under the current span).
    /// None for a publish that belongs to no run and no span (nothing to attach it to).
    /// </summary>
    public static Activity? Publish(string channel, string? taskId, string? traceParent)
    {
        if (!EngineTelemetry.Source.HasListeners() || (traceParent is null && RunSpan.Current is null))
        {
            return null;
        }

        return TraceParents.Start("publish " + channel, ActivityKind.Producer, traceParent)?
            .SetTag("messaging.system", "redis")
            .SetTag("messaging.destination.name", channel)
            .SetTag("messaging.operation.type", "send")
            .SetTag(EngineTelemetry.TaskId, taskId);
    }
}
