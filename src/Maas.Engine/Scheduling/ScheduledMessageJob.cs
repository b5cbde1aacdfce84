using System.Text.Json;
using MassTransit;
using MassTransit.Mediator;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Maas.Engine.Scheduling;

/// <summary>
/// Delivers a due scheduled message into the mediator with its scheduling token, so the state machine can tell a
/// current timer from a stale one (a timer whose token the saga no longer holds is dropped there).
/// </summary>
internal sealed class ScheduledMessageJob(IMediator mediator, ILogger<ScheduledMessageJob> logger) : IJob
{
    private const int MaxRefires = 5;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        var type = Type.GetType(data.GetString(QuartzScheduleMessageProvider.MessageTypeKey)!, throwOnError: true)!;
        var message = JsonSerializer.Deserialize(data.GetString(QuartzScheduleMessageProvider.BodyKey)!, type)!;
        var tokenId = Guid.ParseExact(data.GetString(QuartzScheduleMessageProvider.TokenKey)!, "N");

        try
        {
            await mediator.Send(message, type, Pipe.Execute<SendContext>(c => c.Headers.Set(MessageHeaders.SchedulingTokenId, tokenId)), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A timer must fire late rather than never: Quartz runs it again (the database may be briefly away).
            logger.LogWarning(e, "Scheduled {MessageType} failed (fire {Refire}); trying again", type.Name, context.RefireCount + 1);
            throw new JobExecutionException(e) { RefireImmediately = context.RefireCount < MaxRefires };
        }
    }
}
