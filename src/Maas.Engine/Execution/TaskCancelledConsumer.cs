using Maas.Contracts.Messages;
using MassTransit;

namespace Maas.Engine.Execution;

/// <summary>Stops the agent of a task cancelled while it runs on this instance.</summary>
internal sealed class TaskCancelledConsumer(RunningTasks running) : IConsumer<TaskCancelled>
{
    public Task Consume(ConsumeContext<TaskCancelled> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        running.Cancel(context.Message.TaskId);
        return Task.CompletedTask;
    }
}
