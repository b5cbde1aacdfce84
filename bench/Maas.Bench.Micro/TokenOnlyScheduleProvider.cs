using MassTransit;
using MassTransit.Scheduling;

namespace Maas.Bench.Micro;

/// <summary>Schedules nothing: hands out a token, as Quartz's RAM store would, without the timer, so the benchmark measures the saga.</summary>
public sealed class TokenOnlyScheduleProvider : IScheduleMessageProvider
{
    public Task<ScheduledMessage<T>> ScheduleSend<T>(Uri destinationAddress, DateTime scheduledTime, T message, IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
        where T : class =>
        Task.FromResult<ScheduledMessage<T>>(new ScheduledMessageHandle<T>(NewId.NextGuid(), scheduledTime, destinationAddress, message));

    public Task CancelScheduledSend(Guid tokenId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CancelScheduledSend(Uri destinationAddress, Guid tokenId, CancellationToken cancellationToken) => Task.CompletedTask;
}
