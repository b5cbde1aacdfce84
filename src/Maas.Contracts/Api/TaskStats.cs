namespace Maas.Contracts.Api;

/// <summary>The <c>tasks</c> part of <c>GET /stats</c>.</summary>
public sealed record TaskStats
{
    /// <summary>Tasks that reached Completed or Failed.</summary>
    public required long TotalProcessed { get; init; }

    /// <summary>Tasks InProgress now.</summary>
    public required long CurrentlyProcessing { get; init; }

    /// <summary>Completed over processed, 0 to 1 (0 before any task finished).</summary>
    public required double SuccessRate { get; init; }

    /// <summary>Mean seconds from an attempt's start to completion, over completed tasks.</summary>
    public required double AverageExecutionTime { get; init; }
}
