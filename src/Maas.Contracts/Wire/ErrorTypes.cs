namespace Maas.Contracts.Wire;

/// <summary>The values of <c>task_failed.data.error_type</c>.</summary>
public static class ErrorTypes
{
    /// <summary>No agent can take the task type (retryable).</summary>
    public const string AgentUnavailable = "agent_unavailable";

    /// <summary>The agent did not finish within the timeout (retryable).</summary>
    public const string AgentTimeout = "agent_timeout";

    /// <summary>The request itself is wrong; retrying it cannot help.</summary>
    public const string InvalidInput = "invalid_input";

    /// <summary>The engine or one of its servers failed.</summary>
    public const string SystemError = "system_error";

    /// <summary>A provider refused the engine's credentials.</summary>
    public const string AuthenticationError = "authentication_error";

    /// <summary>A quota or capacity was exhausted.</summary>
    public const string ResourceExhausted = "resource_exhausted";
}
