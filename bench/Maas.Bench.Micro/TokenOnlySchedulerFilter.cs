using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;

namespace Maas.Bench.Micro;

/// <summary>Gives each message the scheduler context the state machine's Schedule/Unschedule need, as the engine's filter does.</summary>
public sealed class TokenOnlySchedulerFilter : IFilter<ConsumeContext>
{
    private readonly TokenOnlyScheduleProvider _provider = new();

    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.GetOrAddPayload<MessageSchedulerContext>(() => new ConsumeMessageSchedulerContext(context,
            c => new MessageScheduler(_provider, c.TryGetPayload<IBusTopology>(out var topology) ? topology : null!)));
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("tokenOnlyScheduler");
}
