using System.Text.Json.Nodes;
using Maas.Contracts.Messages;
using Maas.Contracts.Wire;

namespace Maas.Engine.AI;

/// <summary>How a failed model call is reported to the platform: made by <see cref="ProviderFailures"/>, sent by the runner.</summary>
/// <param name="ErrorType">One of <see cref="ErrorTypes"/>.</param>
/// <param name="ErrorMessage">What went wrong, for people.</param>
/// <param name="Retryable">Whether the saga tries again itself (within the task's <c>max_retries</c>).</param>
/// <param name="RetryDelaySeconds">When to try again, if the provider or the engine knows.</param>
/// <param name="ErrorDetails">The <c>error_details</c> object, or null.</param>
/// <param name="SystemDetails">The <c>system_details</c> of a <c>system_error</c>, or null.</param>
public sealed record AgentFailure(
    string ErrorType,
    string ErrorMessage,
    bool Retryable,
    int? RetryDelaySeconds = null,
    JsonObject? ErrorDetails = null,
    SystemDetails? SystemDetails = null)
{
    public TaskAttemptFailed ToAttemptFailed(string taskId, int attempt) => new()
    {
        TaskId = taskId,
        Attempt = attempt,
        ErrorType = ErrorType,
        ErrorMessage = ErrorMessage,
        Retryable = Retryable,
        RetryDelaySeconds = RetryDelaySeconds,
        ErrorDetails = ErrorDetails?.ToJsonString(),
        SystemDetails = SystemDetails,
    };
}
