using Maas.Contracts.Messages;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Maas.Engine.Tasks;

/// <summary>The saga's lines of <see cref="TaskLog"/>, written after the transition is committed (<see cref="AfterCommit"/>).</summary>
internal static class TaskLogSteps
{
    public static EventActivityBinder<TaskState, ExecuteTask> LogAccepted(this EventActivityBinder<TaskState, ExecuteTask> binder, ILogger logger) =>
        binder.Then(c =>
        {
            var task = c.Saga;
            var (taskId, type, agent, priority, timeout, retries) = (task.TaskId, task.TaskType, task.AgentId, task.Priority, task.TimeoutSeconds, task.MaxRetries);
            AfterCommit.Run(c, () =>
            {
                if (agent is null)
                {
                    logger.Accepted(taskId, type, priority, timeout, retries);
                }
                else
                {
                    logger.AcceptedForAgent(taskId, type, agent, priority, timeout, retries);
                }
            });
        });

    /// <summary>Before <c>StartOver</c>: names the state the task ended in.</summary>
    public static EventActivityBinder<TaskState, ExecuteTask> LogRunAgain(this EventActivityBinder<TaskState, ExecuteTask> binder, ILogger logger) =>
        binder.Then(c =>
        {
            var (taskId, state) = (c.Saga.TaskId, c.Saga.CurrentState);
            AfterCommit.Run(c, () => logger.RunAgain(taskId, state));
        });

    public static EventActivityBinder<TaskState, ExecuteTask> LogAcceptedCancelled(this EventActivityBinder<TaskState, ExecuteTask> binder, ILogger logger) =>
        binder.Then(c =>
        {
            var (taskId, reason) = (c.Saga.TaskId, c.Message.CancelledOnArrival ?? "");
            AfterCommit.Run(c, () => logger.AcceptedCancelled(taskId, reason));
        });

    /// <summary>A request for a task already known changes nothing; said at INFO unless another instance holds the task (see <see cref="TaskLog.Duplicate"/>).</summary>
    public static EventActivityBinder<TaskState, ExecuteTask> LogDuplicate(this EventActivityBinder<TaskState, ExecuteTask> binder, ILogger logger, string instanceId) =>
        binder.Then(c =>
        {
            var holder = c.Saga.OwnerInstance;
            var level = holder is not null && holder != instanceId ? LogLevel.Debug : LogLevel.Information;
            var (taskId, state) = (c.Saga.TaskId, c.Saga.CurrentState);
            AfterCommit.Run(c, () => logger.Duplicate(level, taskId, state));
        });

    public static EventActivityBinder<TaskState, ExecuteTask> LogResultAgain(this EventActivityBinder<TaskState, ExecuteTask> binder, ILogger logger) =>
        binder.Then(c =>
        {
            var taskId = c.Saga.TaskId;
            AfterCommit.Run(c, () => logger.ResultAgain(taskId));
        });

    /// <summary>After <c>AnnounceRetry</c>: the failure is recorded and the retry's time set.</summary>
    public static EventActivityBinder<TaskState, T> LogRetry<T>(this EventActivityBinder<TaskState, T> binder, ILogger logger, TimeProvider clock)
        where T : class =>
        binder.Then(c =>
        {
            var task = c.Saga;
            var (taskId, attempt, error, retries) = (task.TaskId, task.Attempt, task.ErrorType ?? "", task.MaxRetries);
            var delay = Math.Round(Math.Max(0, (task.RetryAt!.Value - clock.GetUtcNow()).TotalSeconds), 1);
            AfterCommit.Run(c, () => logger.RetryScheduled(taskId, attempt, error, attempt, retries, delay));
        });

    public static EventActivityBinder<TaskState, T> LogFinished<T>(this EventActivityBinder<TaskState, T> binder, ILogger logger)
        where T : class =>
        binder.Then(c =>
        {
            var task = c.Saga;
            var (taskId, attempts, error, message) = (task.TaskId, task.Attempt, task.ErrorType, task.ErrorMessage ?? "");
            var duration = (long)((task.FinishedAt ?? task.UpdatedAt) - task.CreatedAt).TotalMilliseconds;
            AfterCommit.Run(c, () =>
            {
                if (error is null)
                {
                    logger.Completed(taskId, "completed", attempts, duration);
                }
                else
                {
                    logger.Failed(taskId, "failed", attempts, duration, error, message);
                }
            });
        });

    public static EventActivityBinder<TaskState, CancelTask> LogCancelled(this EventActivityBinder<TaskState, CancelTask> binder, ILogger logger) =>
        binder.Then(c =>
        {
            var (taskId, reason) = (c.Saga.TaskId, c.Message.Reason);
            AfterCommit.Run(c, () => logger.Cancelled(taskId, reason));
        });
}
