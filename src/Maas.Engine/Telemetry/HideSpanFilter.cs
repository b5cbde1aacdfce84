using Maas.Contracts.Diagnostics;
using MassTransit;

namespace Maas.Engine.Telemetry;

/// <summary>
/// First on the mediator's receive pipe, before MassTransit's deserialize filter tags the current span: the dispatch
/// runs with the caller's span hidden in <see cref="RunSpan"/> (see there why).
/// </summary>
internal sealed class HideSpanFilter : IFilter<ReceiveContext>
{
    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        RunSpan.HideCurrent();
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("hideSpan");
}
