using System.Text.Json.Nodes;
using Maas.Contracts.Wire;

namespace Maas.Engine.AI;

/// <summary>
/// The one place where a failed model call becomes the platform's error: which <c>error_type</c>, whether anyone
/// retries, after how long, and with which details. Every provider adapter classifies its failures into a
/// <see cref="ProviderException"/>; the runner asks this type what that means.
/// </summary>
public static class ProviderFailures
{
    /// <summary>The wait suggested after a rate limit that came without <c>Retry-After</c>.</summary>
    public const int DefaultRateLimitDelaySeconds = 30;

    /// <summary>The wait suggested after an outage (5xx, no connection) that came without <c>Retry-After</c>.</summary>
    public const int DefaultUnavailableDelaySeconds = 10;

    public static AgentFailure From(ProviderException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var details = Details(failure);
        return failure.Kind switch
        {
            ProviderFailureKind.Authentication =>
                new(ErrorTypes.AuthenticationError, failure.Message, Retryable: false, ErrorDetails: details),
            ProviderFailureKind.RateLimited =>
                new(ErrorTypes.ResourceExhausted, failure.Message, Retryable: true, Seconds(failure.RetryAfter, DefaultRateLimitDelaySeconds), details),
            ProviderFailureKind.Unavailable =>
                new(ErrorTypes.AgentUnavailable, failure.Message, Retryable: true, Seconds(failure.RetryAfter, DefaultUnavailableDelaySeconds), details),
            ProviderFailureKind.ModelNotFound =>
                new(ErrorTypes.AgentUnavailable, failure.Message, Retryable: false, ErrorDetails: details),
            ProviderFailureKind.InputRejected =>
                new(ErrorTypes.InvalidInput, failure.Message, Retryable: false, ErrorDetails: details),
            // Reaches here only when every structured-output form was refused: the server cannot serve the engine's tasks.
            ProviderFailureKind.StructuredOutputRejected =>
                new(ErrorTypes.SystemError, failure.Message, Retryable: false, ErrorDetails: details, SystemDetails: new SystemDetails("agent", "structured_output_rejected")),
            _ => new(ErrorTypes.SystemError, failure.Message, Retryable: true, ErrorDetails: details, SystemDetails: new SystemDetails("agent", "provider_error")),
        };
    }

    /// <summary>The model call outlived the task's deadline.</summary>
    /// <param name="agentId">The agent that ran the task.</param>
    /// <param name="timeoutSeconds">The task's timeout.</param>
    /// <param name="lastResponseTime">When the model last sent anything (a streamed chunk, a tool round), if it did.</param>
    public static AgentFailure Timeout(string agentId, int timeoutSeconds, DateTimeOffset? lastResponseTime)
    {
        var details = new JsonObject { ["agent_id"] = agentId, ["timeout_duration"] = timeoutSeconds };
        if (lastResponseTime is { } last)
        {
            details["last_response_time"] = UtcTimestampConverter.Format(last);
        }

        return new(ErrorTypes.AgentTimeout, $"Agent did not complete task within {timeoutSeconds} seconds", Retryable: true, ErrorDetails: details);
    }

    /// <summary>The model's answer was still invalid after the repair round.</summary>
    public static AgentFailure InvalidOutput(string agentId, IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new(ErrorTypes.SystemError, $"Agent {agentId} gave invalid output: {string.Join("; ", errors)}", Retryable: true,
            ErrorDetails: new JsonObject { ["agent_id"] = agentId, ["validation_errors"] = new JsonArray([.. errors.Select(e => JsonValue.Create(e))]) },
            SystemDetails: new SystemDetails("agent", "invalid_output"));
    }

    private static JsonObject Details(ProviderException failure)
    {
        var details = new JsonObject { ["provider"] = failure.Provider };
        if (failure.Model is { } model)
        {
            details["model"] = model;
        }

        if (failure.StatusCode is { } status)
        {
            details["status_code"] = status;
        }

        return details;
    }

    private static int Seconds(TimeSpan? wait, int otherwise) => wait is { } w ? (int)Math.Ceiling(Math.Max(0, w.TotalSeconds)) : otherwise;
}
