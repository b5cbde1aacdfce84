using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;

namespace Maas.Engine.Scheduling;

/// <summary>
/// The mediator has no scheduler of its own; this filter gives every consumed message a
/// <see cref="MessageSchedulerContext"/> backed by <see cref="QuartzScheduleMessageProvider"/>, which is what the state
/// machine's <c>Schedule</c> and <c>Unschedule</c> activities look for.
/// </summary>
internal sealed class SchedulerContextFilter(IScheduleMessageProvider provider) : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.GetOrAddPayload<MessageSchedulerContext>(() => new ConsumeMessageSchedulerContext(context, CreateScheduler));
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("quartzScheduler");

    private MessageScheduler CreateScheduler(ConsumeContext context) =>
        new MessageScheduler(provider, context.TryGetPayload<IBusTopology>(out var topology) ? topology : null!);
}
