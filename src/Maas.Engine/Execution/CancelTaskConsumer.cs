using Maas.Contracts.Messages;
using MassTransit;

namespace Maas.Engine.Execution;

/// <summary>
/// Stops the agent of a cancelled task if it runs on this instance. It consumes the cancel command itself, beside the
/// saga, because every instance hears the platform's cancel while only one wins the saga's transition, and the
/// agent may be running on any of them.
/// </summary>
internal sealed class CancelTaskConsumer(RunningTasks running) : IConsumer<CancelTask>
{
    public Task Consume(ConsumeContext<CancelTask> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        running.Cancel(context.Message.TaskId);
        return Task.CompletedTask;
    }
}
