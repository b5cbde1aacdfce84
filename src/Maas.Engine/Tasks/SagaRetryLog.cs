using Maas.Contracts.Messages;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Maas.Engine.Tasks;

/// <summary>
/// Says at DEBUG, naming the task, that a transition is tried again (a conflicting change of its row, a transient
/// database error). MassTransit's own line for it is a warning with a stack trace naming the saga's internal id, which
/// <c>EngineLogging</c> keeps below INFO: a conflict answered by a retry is how the saga is meant to work.
/// </summary>
internal sealed class SagaRetryLog(ILogger logger) : IRetryObserver
{
    public Task PreRetry<T>(RetryContext<T> context)
        where T : class, PipeContext
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var (taskId, type) = Describe(context.Context);
            logger.ConflictRetried(taskId, type, context.Exception.Message, context.RetryCount + 1);
        }

        return Task.CompletedTask;
    }

    public Task PostCreate<T>(RetryPolicyContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    public Task PostFault<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    public Task RetryFault<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    public Task RetryComplete<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    // The timers name the saga by its id only: that is the task's id as a name-based UUID, so it is what can be shown.
    private static (string TaskId, string Type) Describe(object context) => context switch
    {
        ConsumeContext<ExecuteTask> c => (c.Message.TaskId, nameof(ExecuteTask)),
        ConsumeContext<CancelTask> c => (c.Message.TaskId, nameof(CancelTask)),
        ConsumeContext<TaskStarted> c => (c.Message.TaskId, nameof(TaskStarted)),
        ConsumeContext<TaskProgressed> c => (c.Message.TaskId, nameof(TaskProgressed)),
        ConsumeContext<TaskSucceeded> c => (c.Message.TaskId, nameof(TaskSucceeded)),
        ConsumeContext<TaskAttemptFailed> c => (c.Message.TaskId, nameof(TaskAttemptFailed)),
        ConsumeContext<TaskTimeoutElapsed> c => ($"(saga {c.Message.CorrelationId})", nameof(TaskTimeoutElapsed)),
        ConsumeContext<TaskRetryDue> c => ($"(saga {c.Message.CorrelationId})", nameof(TaskRetryDue)),
        ConsumeContext<RecoverTask> c => ($"(saga {c.Message.CorrelationId})", nameof(RecoverTask)),
        _ => ("(unknown)", context.GetType().Name),
    };
}
