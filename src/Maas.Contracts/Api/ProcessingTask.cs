namespace Maas.Contracts.Api;

/// <summary>One task in <c>GET /tasks/processing</c>.</summary>
public sealed record ProcessingTask
{
    /// <summary>The platform's task id.</summary>
    public required string TaskId { get; init; }

    /// <summary><c>QUEUED</c> or <c>IN_PROGRESS</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The agent running it.</summary>
    public string? AgentId { get; init; }

    /// <summary>When the running attempt started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>0 to 100.</summary>
    public required int Progress { get; init; }

    /// <summary>When it is expected to finish.</summary>
    public DateTimeOffset? EstimatedCompletion { get; init; }
}
