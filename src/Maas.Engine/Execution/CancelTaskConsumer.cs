using Maas.Contracts.Messages;
using MassTransit;

namespace Maas.Engine.Execution;

/// <summary>
/// Takes a cancelled task out of this instance's backlog, or stops its agent if it runs here. It consumes the cancel command itself, beside the
/// saga, because every instance hears the platform's cancel while only one wins the saga's transition, and the
/// agent may be running on any of them.
/// </summary>
internal sealed class CancelTaskConsumer(TaskBacklog backlog, RunningTasks running) : IConsumer<CancelTask>
{
    public Task Consume(ConsumeContext<CancelTask> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!backlog.Remove(context.Message.TaskId))
        {
            running.Cancel(context.Message.TaskId);
        }

        return Task.CompletedTask;
    }
}
