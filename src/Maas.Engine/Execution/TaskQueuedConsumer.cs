using Maas.Contracts.Messages;
using MassTransit;

namespace Maas.Engine.Execution;

/// <summary>Hands a queued task to this instance's workers; runs after the saga row that queued it is committed.</summary>
internal sealed class TaskQueuedConsumer(TaskBacklog queue) : IConsumer<TaskQueued>
{
    public Task Consume(ConsumeContext<TaskQueued> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        queue.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}
