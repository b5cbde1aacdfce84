using System.Text.Json;
using Maas.Contracts.Messages;
using Maas.Contracts.Wire;
using Maas.Engine.Persistence;
using MassTransit;

namespace Maas.Engine.Tasks;

/// <summary>The business steps of <see cref="TaskStateMachine"/>, each used where the transition table names it.</summary>
internal static class TaskSteps
{
    public static EventActivityBinder<TaskState, ExecuteTask> Accept(
        this EventActivityBinder<TaskState, ExecuteTask> binder, EngineOptions settings, TimeProvider clock) =>
        binder.Then(c =>
        {
            var task = c.Saga;
            var request = c.Message;
            var now = clock.GetUtcNow();
            task.TaskId = request.TaskId;
            task.TaskType = request.TaskType;
            task.EnvironmentId = request.EnvironmentId;
            task.AgentId = request.AgentId;
            task.Priority = TaskPriority.Normalize(request.Priority);
            task.InputData = request.InputData;
            task.TimeoutSeconds = request.TimeoutSeconds ?? settings.TaskTimeoutSeconds;
            task.MaxRetries = request.MaxRetries ?? settings.TaskMaxRetries;
            task.CreatedAt = task.CreatedAt == default ? now : task.CreatedAt;
            task.UpdatedAt = now;
            task.TraceParent = request.TraceParent;
        });

    public static EventActivityBinder<TaskState, ExecuteTask> StartOver(this EventActivityBinder<TaskState, ExecuteTask> binder) =>
        binder.Then(c => TaskStateTable.StartOver(c.Saga));

    /// <summary>Hands the task to this instance's workers; the row names the instance, so others can take over if it dies.</summary>
    public static EventActivityBinder<TaskState, T> Enqueue<T>(this EventActivityBinder<TaskState, T> binder, string instanceId, TimeProvider clock)
        where T : class =>
        binder
            .Then(c =>
            {
                c.Saga.OwnerInstance = instanceId;
                c.Saga.RetryAt = null;
                c.Saga.CurrentStep = c.Saga.Attempt == 0 ? "Waiting for a worker" : $"Waiting for a worker (retry {c.Saga.Attempt} of {c.Saga.MaxRetries})";
                c.Saga.UpdatedAt = clock.GetUtcNow();
            })
            .Publish(c => new TaskQueued
            {
                TaskId = c.Saga.TaskId,
                Attempt = c.Saga.Attempt + 1,
                TaskType = c.Saga.TaskType,
                AgentId = c.Saga.AgentId,
                EnvironmentId = c.Saga.EnvironmentId,
                Priority = c.Saga.Priority,
                InputData = c.Saga.InputData,
                TimeoutSeconds = c.Saga.TimeoutSeconds,
                TraceParent = c.Saga.TraceParent,
                QueuedAt = c.Saga.UpdatedAt,
            })
            .Publish(c => Status(c.Saga, TaskStatuses.Queued));

    public static EventActivityBinder<TaskState, TaskStarted> BeginAttempt(
        this EventActivityBinder<TaskState, TaskStarted> binder, string instanceId, TimeProvider clock) =>
        binder
            .Then(c =>
            {
                var task = c.Saga;
                task.Attempt = c.Message.Attempt;
                task.AgentId = c.Message.AgentId;
                task.OwnerInstance = instanceId;
                task.StartedAt = c.Message.StartedAt;
                task.DeadlineAt = c.Message.StartedAt.AddSeconds(task.TimeoutSeconds);
                task.RetryAt = null;
                task.ProgressPercentage = 0;
                task.CurrentStep = $"Running on agent {c.Message.AgentId}";
                task.UpdatedAt = clock.GetUtcNow();
            })
            .Publish(c => Status(c.Saga, TaskStatuses.InProgress));

    public static EventActivityBinder<TaskState, TaskProgressed> RecordProgress(
        this EventActivityBinder<TaskState, TaskProgressed> binder, TimeProvider clock) =>
        binder
            .Then(c =>
            {
                c.Saga.ProgressPercentage = Math.Clamp(c.Message.Percentage, 0, 100);
                c.Saga.CurrentStep = c.Message.Step;
                c.Saga.UpdatedAt = clock.GetUtcNow();
            })
            .Publish(c => Status(c.Saga, TaskStatuses.InProgress));

    /// <summary>The instance that completes the task publishes its result, so it holds the row until the result is marked published.</summary>
    public static EventActivityBinder<TaskState, TaskSucceeded> Complete(
        this EventActivityBinder<TaskState, TaskSucceeded> binder, string instanceId, TimeProvider clock) =>
        binder
            .Then(c =>
            {
                var task = c.Saga;
                task.OutputData = c.Message.OutputData;
                task.TokensUsed = c.Message.TokensUsed;
                task.InputTokens = c.Message.InputTokens;
                task.OutputTokens = c.Message.OutputTokens;
                task.ModelUsed = c.Message.ModelUsed;
                task.CostEstimate = c.Message.CostEstimate;
                task.ToolCalls = c.Message.ToolCalls;
                task.ToolCallsByName = c.Message.ToolCallsByName;
                task.FinishedAt = c.Message.FinishedAt;
                task.DeadlineAt = null;
                task.OwnerInstance = instanceId;
                task.ProgressPercentage = 100;
                task.CurrentStep = "Completed";
                task.ErrorType = task.ErrorMessage = task.ErrorData = null;
                task.UpdatedAt = clock.GetUtcNow();
            })
            .Publish(c => c.Saga.ToCompleted());

    public static EventActivityBinder<TaskState, ExecuteTask> PublishResultAgain(this EventActivityBinder<TaskState, ExecuteTask> binder) =>
        binder.Publish(c => c.Saga.ToCompleted());

    /// <summary>The retry timer lives in this instance's scheduler, so this instance holds the task until it fires.</summary>
    public static EventActivityBinder<TaskState, T> AnnounceRetry<T>(this EventActivityBinder<TaskState, T> binder, string instanceId, TimeProvider clock)
        where T : class =>
        binder
            .Then(c =>
            {
                var task = c.Saga;
                task.OwnerInstance = instanceId;
                var wait = task.RetryAt!.Value - clock.GetUtcNow();
                task.DeadlineAt = null;
                task.CurrentStep = $"Attempt {task.Attempt} failed ({task.ErrorType}: {task.ErrorMessage}); retry {task.Attempt} of {task.MaxRetries} in {Math.Max(0, wait.TotalSeconds):0.#}s";
                task.UpdatedAt = clock.GetUtcNow();
            })
            .Publish(c => Status(c.Saga, TaskStatuses.Queued));

    /// <summary>As <see cref="Complete"/>: the instance that fails the task holds the row until its <c>task_failed</c> is marked published.</summary>
    public static EventActivityBinder<TaskState, T> FinishFailed<T>(this EventActivityBinder<TaskState, T> binder, string instanceId, TimeProvider clock)
        where T : class =>
        binder
            .Then(c =>
            {
                c.Saga.FinishedAt = clock.GetUtcNow();
                c.Saga.DeadlineAt = c.Saga.RetryAt = null;
                c.Saga.OwnerInstance = instanceId;
                c.Saga.CurrentStep = "Failed";
                c.Saga.UpdatedAt = c.Saga.FinishedAt.Value;
            })
            .Publish(c => c.Saga.ToFailed());

    public static EventActivityBinder<TaskState, CancelTask> Cancel(this EventActivityBinder<TaskState, CancelTask> binder, TimeProvider clock) =>
        binder
            .Then(c => c.Saga.MarkCancelled(c.Message.Reason, clock.GetUtcNow()))
            .Publish(c => new TaskCancelled(c.Saga.TaskId, c.Message.Reason, c.Saga.FinishedAt!.Value))
            .Publish(c => Status(c.Saga, TaskStatuses.Cancelled));

    /// <summary>A request whose cancel was handled before it: taken in and cancelled at once, never queued.</summary>
    public static EventActivityBinder<TaskState, ExecuteTask> CancelOnArrival(this EventActivityBinder<TaskState, ExecuteTask> binder, TimeProvider clock) =>
        binder
            .Then(c => c.Saga.MarkCancelled(c.Message.CancelledOnArrival!, clock.GetUtcNow()))
            .Publish(c => new TaskCancelled(c.Saga.TaskId, c.Message.CancelledOnArrival!, c.Saga.FinishedAt!.Value))
            .Publish(c => Status(c.Saga, TaskStatuses.Cancelled));

    private static void MarkCancelled(this TaskState task, string reason, DateTimeOffset now)
    {
        task.FinishedAt = now;
        task.DeadlineAt = task.RetryAt = null;
        task.OwnerInstance = null;
        task.CurrentStep = $"Cancelled: {reason}";
        task.UpdatedAt = now;
    }

    /// <summary>A worker refused the next attempt before starting it: it counts as made, though it never ran.</summary>
    public static EventActivityBinder<TaskState, TaskAttemptFailed> CountRefusedAttempt(this EventActivityBinder<TaskState, TaskAttemptFailed> binder) =>
        binder.Then(c => c.Saga.Attempt = c.Message.Attempt);

    /// <summary>
    /// Records a failed attempt; the <c>task_failed</c> it would publish is kept whole, to be published again unchanged.
    /// When to retry is set too: the back-off, or the provider's own delay (a 429's <c>Retry-After</c>) when longer.
    /// </summary>
    public static void RecordFailure(this TaskState task, AttemptFailure failure, RetryBackoff backoff, DateTimeOffset now)
    {
        var wait = backoff.Before(task.Attempt + 1);
        if (failure.RetryDelaySeconds is { } asked && TimeSpan.FromSeconds(asked) > wait)
        {
            wait = TimeSpan.FromSeconds(asked);
        }

        task.RetryAt = now + wait;
        task.ErrorType = failure.ErrorType;
        task.ErrorMessage = failure.ErrorMessage;
        task.Retryable = failure.Retryable;
        task.UpdatedAt = now;
        var failed = new TaskFailed
        {
            TaskId = task.TaskId,
            AgentId = task.AgentId,
            ErrorType = failure.ErrorType,
            ErrorMessage = failure.ErrorMessage,
            ErrorDetails = failure.ErrorDetails,
            RetryPossible = failure.RetryPossible,
            RetryDelaySeconds = failure.RetryDelaySeconds,
            RetryCount = Math.Max(0, task.Attempt - 1),
            MaxRetries = task.MaxRetries,
            TimeoutDuration = failure.TimeoutDuration,
            ValidationErrors = failure.ValidationErrors,
            SystemDetails = failure.SystemDetails,
            FailedAt = now,
        };
        task.ErrorData = JsonSerializer.Serialize(failed, EngineJsonContext.Default.TaskFailed);
    }

    public static bool CanRetry(this TaskState task) => task.Retryable && task.Attempt - 1 < task.MaxRetries;

    private static TaskStatusChanged Status(TaskState task, string status) => new()
    {
        TaskId = task.TaskId,
        Status = status,
        ProgressPercentage = task.ProgressPercentage,
        CurrentStep = task.CurrentStep,
        AgentId = task.AgentId,
        EstimatedCompletion = EstimateCompletion(task),
        Timestamp = task.UpdatedAt,
        TraceParent = task.TraceParent,
    };

    // A straight line through the progress so far; before any progress the deadline is the honest upper bound.
    private static DateTimeOffset? EstimateCompletion(TaskState task)
    {
        if (task.StartedAt is not { } started || task.CurrentState == TaskStateNames.Queued)
        {
            return null;
        }

        if (task.ProgressPercentage is <= 0 or >= 100)
        {
            return task.DeadlineAt;
        }

        var elapsed = task.UpdatedAt - started;
        return started + (elapsed * (100.0 / task.ProgressPercentage));
    }
}
