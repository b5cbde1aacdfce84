using MassTransit;

namespace Maas.Engine.Tasks;

/// <summary>One task's saga row in <c>ai_engine.task_state</c>.</summary>
public sealed class TaskState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = null!;

    public string TaskId { get; set; } = null!;

    public string TaskType { get; set; } = null!;

    public string EnvironmentId { get; set; } = null!;

    /// <summary>The agent the platform named, or the one the engine chose once an attempt started.</summary>
    public string? AgentId { get; set; }

    public string Priority { get; set; } = null!;

    public string InputData { get; set; } = null!;

    public int TimeoutSeconds { get; set; }

    public int MaxRetries { get; set; }

    /// <summary>Attempts started so far.</summary>
    public int Attempt { get; set; }

    public int ProgressPercentage { get; set; }

    public string? CurrentStep { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>When the running attempt times out; also kept for the recovery sweep after a crash.</summary>
    public DateTimeOffset? DeadlineAt { get; set; }

    /// <summary>When a task waiting for a retry is due to be queued again.</summary>
    public DateTimeOffset? RetryAt { get; set; }

    public Guid? TimeoutTokenId { get; set; }

    public Guid? RetryTokenId { get; set; }

    public string? OutputData { get; set; }

    public long? TokensUsed { get; set; }

    public long? InputTokens { get; set; }

    public long? OutputTokens { get; set; }

    public string? ModelUsed { get; set; }

    public decimal? CostEstimate { get; set; }

    /// <summary>Tool calls the model made in the successful attempt.</summary>
    public int ToolCalls { get; set; }

    /// <summary>The successful attempt's tool calls per tool name, as a JSON object; null when it called none.</summary>
    public string? ToolCallsByName { get; set; }

    public string? ErrorType { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>Whether the last failure may succeed on another attempt.</summary>
    public bool Retryable { get; set; }

    /// <summary>The whole <c>task_failed</c> data of a failed task, as JSON text, so it can be published again unchanged.</summary>
    public string? ErrorData { get; set; }

    /// <summary>When the final result reached Redis; null until then, which marks it for publishing again.</summary>
    public DateTimeOffset? ResultPublishedAt { get; set; }

    /// <summary>
    /// The engine instance (<c>ENGINE_INSTANCE_ID</c> and its process epoch) that holds the task: its backlog, worker or
    /// retry timer while Queued or InProgress; once finished, until its result is marked published.
    /// </summary>
    public string? OwnerInstance { get; set; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the run's receive span (or the platform's): every later span of the run (a retry
    /// after a timer, a takeover by another instance) is parented on it, so one run is one trace.
    /// </summary>
    public string? TraceParent { get; set; }

    /// <summary>PostgreSQL's <c>xmin</c>: the optimistic concurrency token.</summary>
    public uint Version { get; set; }

    /// <summary>A copy to keep or hand out while this instance goes on changing (every property is a value or an immutable string).</summary>
    internal TaskState Copy() => (TaskState)MemberwiseClone();
}
