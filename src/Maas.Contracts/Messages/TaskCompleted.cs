namespace Maas.Contracts.Messages;

/// <summary>Event: a task finished with a result (published as <c>task_completed</c>).</summary>
public sealed record TaskCompleted
{
    /// <summary>The platform's task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The agent that ran it.</summary>
    public required string AgentId { get; init; }

    /// <summary>The task's <c>output_data</c> as JSON text.</summary>
    public required string OutputData { get; init; }

    /// <summary>Wall-clock seconds of the successful attempt.</summary>
    public required double ExecutionTimeSeconds { get; init; }

    /// <summary>Input plus output tokens.</summary>
    public long? TokensUsed { get; init; }

    /// <summary>The model that answered.</summary>
    public string? ModelUsed { get; init; }

    /// <summary>Estimated cost in US dollars.</summary>
    public decimal? CostEstimate { get; init; }

    /// <summary>Tool calls the model made; null when none.</summary>
    public int? ToolCalls { get; init; }

    /// <summary>When the task completed.</summary>
    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>The W3C <c>traceparent</c> of the task's run (see <see cref="Diagnostics.TraceParents"/>), or null.</summary>
    public string? TraceParent { get; init; }
}
