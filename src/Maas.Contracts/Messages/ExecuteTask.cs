namespace Maas.Contracts.Messages;

/// <summary>Command: run a task the platform asked for (from a <c>task_execute</c> message).</summary>
public sealed record ExecuteTask
{
    /// <summary>The platform's task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The task type, e.g. <c>code_generation</c>.</summary>
    public required string TaskType { get; init; }

    /// <summary>The platform's environment.</summary>
    public required string EnvironmentId { get; init; }

    /// <summary>The platform's agent for the task, or null to let the engine choose by task type.</summary>
    public string? AgentId { get; init; }

    /// <summary>The task's <c>input_data</c> as JSON text.</summary>
    public required string InputData { get; init; }

    /// <summary>Seconds one attempt may take, or null for the engine's default.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Retries allowed after the first attempt, or null for the engine's default.</summary>
    public int? MaxRetries { get; init; }

    /// <summary><c>low</c>, <c>normal</c>, <c>high</c> or <c>urgent</c>; null is normal.</summary>
    public string? Priority { get; init; }

    /// <summary>When the platform sent the request (the envelope's <c>timestamp</c>); the receipt time when it sent none.</summary>
    /// <remarks>
    /// Every engine instance receives every request (pub/sub), some after the task already finished elsewhere. Only a
    /// request sent after the task finished is the platform asking again; one sent before is the same request, seen late.
    /// </remarks>
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>When the engine received the request.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>
    /// The reason of a cancel the platform sent for this request that was handled before it (the two are handled
    /// concurrently): the task is taken in already cancelled, and no agent runs it. Null for a request to run.
    /// </summary>
    public string? CancelledOnArrival { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> the run's spans descend from: the engine's receive span, or the one the platform sent
    /// (a valid <c>traceparent</c> on the envelope) when nobody listens. Null without either.
    /// </summary>
    public string? TraceParent { get; init; }
}
