namespace Maas.Contracts.Messages;

/// <summary>Event: a task waits for a worker. Carries all a worker needs, so no worker reads the database.</summary>
public sealed record TaskQueued
{
    /// <summary>The platform's task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The number the coming attempt will have.</summary>
    public required int Attempt { get; init; }

    /// <summary>The task type.</summary>
    public required string TaskType { get; init; }

    /// <summary>The platform's agent, or null to choose by task type.</summary>
    public string? AgentId { get; init; }

    /// <summary>The platform's environment, for agents that serve only some; null when not known.</summary>
    public string? EnvironmentId { get; init; }

    /// <summary><c>low</c>, <c>normal</c>, <c>high</c> or <c>urgent</c>.</summary>
    public required string Priority { get; init; }

    /// <summary>The task's <c>input_data</c> as JSON text.</summary>
    public required string InputData { get; init; }

    /// <summary>Seconds the attempt may take.</summary>
    public required int TimeoutSeconds { get; init; }

    /// <summary>When the task was queued (for the queue-wait metric); null from a sender that does not say.</summary>
    public DateTimeOffset? QueuedAt { get; init; }

    /// <summary>The W3C <c>traceparent</c> of the task's run (see <see cref="Diagnostics.TraceParents"/>), or null.</summary>
    public string? TraceParent { get; init; }
}
