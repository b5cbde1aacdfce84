using Maas.Contracts.Wire;

namespace Maas.Contracts.Messages;

/// <summary>Event: an attempt failed. The saga decides whether the task is retried or fails for good.</summary>
public sealed record TaskAttemptFailed
{
    /// <summary>The platform's task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The attempt that failed; a failure of an older attempt is dropped.</summary>
    public required int Attempt { get; init; }

    /// <summary>One of <see cref="ErrorTypes"/>.</summary>
    public required string ErrorType { get; init; }

    /// <summary>What went wrong, for people.</summary>
    public required string ErrorMessage { get; init; }

    /// <summary>Whether the engine should try another attempt itself.</summary>
    public required bool Retryable { get; init; }

    /// <summary>When set, the platform is told it may send the task again after this many seconds (e.g. no agent for the type yet).</summary>
    public int? RetryDelaySeconds { get; init; }

    /// <summary>Free-form details as JSON text, or null.</summary>
    public string? ErrorDetails { get; init; }

    /// <summary>For <c>invalid_input</c>: the wrong fields.</summary>
    public IReadOnlyList<ValidationError>? ValidationErrors { get; init; }

    /// <summary>For <c>system_error</c>: the failing component.</summary>
    public SystemDetails? SystemDetails { get; init; }
}
