using Maas.Contracts.Wire;

namespace Maas.Contracts.Messages;

/// <summary>Event: a task failed for good (published as <c>task_failed</c>).</summary>
public sealed record TaskFailed
{
    /// <summary>The platform's task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The agent that ran the last attempt, if any.</summary>
    public string? AgentId { get; init; }

    /// <summary>One of <see cref="ErrorTypes"/>.</summary>
    public required string ErrorType { get; init; }

    /// <summary>What went wrong, for people.</summary>
    public required string ErrorMessage { get; init; }

    /// <summary>Free-form details as JSON text, or null.</summary>
    public string? ErrorDetails { get; init; }

    /// <summary>Whether sending the task again may succeed.</summary>
    public required bool RetryPossible { get; init; }

    /// <summary>Retries made before giving up.</summary>
    public required int RetryCount { get; init; }

    /// <summary>The retry budget.</summary>
    public required int MaxRetries { get; init; }

    /// <summary>For <c>agent_timeout</c>: the timeout in seconds.</summary>
    public int? TimeoutDuration { get; init; }

    /// <summary>For <c>agent_unavailable</c>: how long to wait before sending the task again.</summary>
    public int? RetryDelaySeconds { get; init; }

    /// <summary>For <c>invalid_input</c>: the wrong fields.</summary>
    public IReadOnlyList<ValidationError>? ValidationErrors { get; init; }

    /// <summary>For <c>system_error</c>: the failing component.</summary>
    public SystemDetails? SystemDetails { get; init; }

    /// <summary>When the task failed.</summary>
    public required DateTimeOffset FailedAt { get; init; }

    /// <summary>The W3C <c>traceparent</c> of the task's run, or null. Not part of the <c>task_failed</c> kept in the row: it is the row's own column.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? TraceParent { get; init; }
}
