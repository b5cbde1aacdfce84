using Microsoft.Extensions.Logging;

namespace Maas.Engine.Tasks;

/// <summary>
/// A task's life at INFO, one line per step an operator follows: accepted (or a duplicate), each attempt's start and end,
/// a retry, the end of the task. Every line names the task as <c>TaskId</c> (the JSON log's <c>task_id</c>), and the
/// property names are the JSON fields (<c>AgentId</c> is <c>agent_id</c>, <c>DurationMs</c> is <c>duration_ms</c>).
/// Expected events (a timeout, a duplicate, a conflict retried) are never warnings and carry no exception.
/// </summary>
internal static partial class TaskLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} accepted: {TaskType}, priority {Priority}, timeout {TimeoutSeconds} s, max retries {MaxRetries}")]
    public static partial void Accepted(this ILogger logger, string taskId, string taskType, string priority, int timeoutSeconds, int maxRetries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} accepted: {TaskType} for agent {AgentId}, priority {Priority}, timeout {TimeoutSeconds} s, max retries {MaxRetries}")]
    public static partial void AcceptedForAgent(this ILogger logger, string taskId, string taskType, string agentId, string priority, int timeoutSeconds, int maxRetries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} requested again after it ended {PreviousState}: running it again from the start")]
    public static partial void RunAgain(this ILogger logger, string taskId, string previousState);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} accepted already cancelled (its cancel came first): {Reason}")]
    public static partial void AcceptedCancelled(this ILogger logger, string taskId, string reason);

    /// <summary>INFO, or DEBUG when another instance holds the task (every instance hears every request, so there it is the rule).</summary>
    [LoggerMessage(Message = "Duplicate request for task {TaskId}: it is already {State}; nothing changes")]
    public static partial void Duplicate(this ILogger logger, LogLevel level, string taskId, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} requested again after it completed: its result is published again, not run again")]
    public static partial void ResultAgain(this ILogger logger, string taskId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} attempt {Attempt} started on agent {AgentId}")]
    public static partial void AttemptStarted(this ILogger logger, string taskId, int attempt, string agentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} attempt {Attempt} {Outcome} on agent {AgentId} in {DurationMs} ms: {Tokens} tokens, model {Model}")]
    public static partial void AttemptCompleted(this ILogger logger, string taskId, int attempt, string outcome, string agentId, long durationMs, long? tokens, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} attempt {Attempt} {Outcome} on agent {AgentId} after {DurationMs} ms: {ErrorType}")]
    public static partial void AttemptFailed(this ILogger logger, string taskId, int attempt, string outcome, string agentId, long durationMs, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} attempt {Attempt} {Outcome} on agent {AgentId} after {DurationMs} ms")]
    public static partial void AttemptStopped(this ILogger logger, string taskId, int attempt, string outcome, string agentId, long durationMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} attempt {Attempt} failed ({ErrorType}); retry {Retry} of {MaxRetries} in {DelaySeconds} s")]
    public static partial void RetryScheduled(this ILogger logger, string taskId, int attempt, string errorType, int retry, int maxRetries, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} {Outcome} after {Attempts} attempt(s), {DurationMs} ms after it was first accepted")]
    public static partial void Completed(this ILogger logger, string taskId, string outcome, int attempts, long durationMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} {Outcome} after {Attempts} attempt(s), {DurationMs} ms after it was first accepted: {ErrorType}: {ErrorMessage}")]
    public static partial void Failed(this ILogger logger, string taskId, string outcome, int attempts, long durationMs, string errorType, string errorMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} cancelled: {Reason}")]
    public static partial void Cancelled(this ILogger logger, string taskId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Task {TaskId}: {MessageType} met a concurrent change of the task's row ({Reason}); trying again (retry {Retry})")]
    public static partial void ConflictRetried(this ILogger logger, string taskId, string messageType, string reason, int retry);
}
