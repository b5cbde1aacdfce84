namespace Maas.Contracts.Messages;

/// <summary>Event: a task's status or progress changed (published as <c>task_status_update</c>, best effort).</summary>
public sealed record TaskStatusChanged
{
    /// <summary>The platform's task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The wire status, one of <see cref="Wire.TaskStatuses"/>.</summary>
    public required string Status { get; init; }

    /// <summary>0 to 100.</summary>
    public int? ProgressPercentage { get; init; }

    /// <summary>What the task is doing now.</summary>
    public string? CurrentStep { get; init; }

    /// <summary>The agent running the task.</summary>
    public string? AgentId { get; init; }

    /// <summary>When the task is expected to finish.</summary>
    public DateTimeOffset? EstimatedCompletion { get; init; }

    /// <summary>When the change happened.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The W3C <c>traceparent</c> of the task's run (see <see cref="Diagnostics.TraceParents"/>), or null.</summary>
    public string? TraceParent { get; init; }
}
