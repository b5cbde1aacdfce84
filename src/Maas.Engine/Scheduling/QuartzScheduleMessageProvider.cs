using System.Collections.Concurrent;
using System.Text.Json;
using MassTransit;
using MassTransit.Scheduling;
using Quartz;

namespace Maas.Engine.Scheduling;

/// <summary>
/// Turns the state machine's <c>Schedule</c>/<c>Unschedule</c> into Quartz triggers: one durable job, one trigger per
/// scheduled message, named by its scheduling token so it can be cancelled. When a trigger fires,
/// <see cref="ScheduledMessageJob"/> sends the message back into the mediator.
/// </summary>
internal sealed class QuartzScheduleMessageProvider(ISchedulerFactory schedulerFactory) : IScheduleMessageProvider
{
    public static readonly JobKey JobKey = new("scheduled-message", "maas-engine");

    public const string TriggerGroup = "maas-engine";

    public const string MessageTypeKey = "message_type";

    public const string BodyKey = "body";

    public const string TokenKey = "token";

    private static readonly ConcurrentDictionary<Type, string> TypeNames = new();

    public async Task<ScheduledMessage<T>> ScheduleSend<T>(
        Uri destinationAddress, DateTime scheduledTime, T message, IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
        where T : class
    {
        var tokenId = NewId.NextGuid();
        var dueUtc = scheduledTime.Kind == DateTimeKind.Local ? scheduledTime.ToUniversalTime() : DateTime.SpecifyKind(scheduledTime, DateTimeKind.Utc);

        var trigger = TriggerBuilder.Create()
            .ForJob(JobKey)
            .WithIdentity(TriggerKeyFor(tokenId))
            .StartAt(new DateTimeOffset(dueUtc))
            .WithSimpleSchedule(x => x.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .UsingJobData(MessageTypeKey, TypeNames.GetOrAdd(typeof(T), t => $"{t.FullName}, {t.Assembly.GetName().Name}"))
            .UsingJobData(BodyKey, JsonSerializer.Serialize(message))
            .UsingJobData(TokenKey, tokenId.ToString("N"))
            .Build();

        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), cancellationToken);

        return new ScheduledMessageHandle<T>(tokenId, dueUtc, destinationAddress, message);
    }

    public Task CancelScheduledSend(Guid tokenId, CancellationToken cancellationToken) => Cancel(tokenId, cancellationToken);

    public Task CancelScheduledSend(Uri destinationAddress, Guid tokenId, CancellationToken cancellationToken) => Cancel(tokenId, cancellationToken);

    private async Task Cancel(Guid tokenId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(TriggerKeyFor(tokenId), cancellationToken);
    }

    private static TriggerKey TriggerKeyFor(Guid tokenId) => new(tokenId.ToString("N"), TriggerGroup);
}
