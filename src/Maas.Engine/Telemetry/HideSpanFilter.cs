using System.Diagnostics;
using Maas.Contracts.Diagnostics;
using MassTransit;

namespace Maas.Engine.Telemetry;

/// <summary>
/// First on the mediator's receive pipe, before MassTransit's deserialize filter tags the current span: the dispatch
/// runs with the caller's span hidden in <see cref="RunSpan"/> (see there why). With no span current (tracing off, a
/// timer's dispatch) it only passes the message on.
/// </summary>
internal sealed class HideSpanFilter : IFilter<ReceiveContext>
{
    public Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return Activity.Current is null ? next.Send(context) : Hidden(context, next);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("hideSpan");

    // Async, so hiding the span ends with this method: the caller's context never sees the change.
    private static async Task Hidden(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        RunSpan.HideCurrent();
        await next.Send(context);
    }
}
