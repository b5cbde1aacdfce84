using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Maas.Contracts.Wire;

/// <summary>The <c>data</c> of a <c>task_failed</c> message; which optional fields appear depends on the error type.</summary>
public sealed record TaskFailedData
{
    /// <summary>Always <c>FAILED</c>.</summary>
    public required string Status { get; init; }

    /// <summary>One of <see cref="ErrorTypes"/>.</summary>
    public required string ErrorType { get; init; }

    /// <summary>What went wrong, for people.</summary>
    public required string ErrorMessage { get; init; }

    /// <summary>Free-form details, e.g. the agent and the timeout for <c>agent_timeout</c>.</summary>
    public JsonObject? ErrorDetails { get; init; }

    /// <summary>Whether sending the task again may succeed.</summary>
    public bool? RetryPossible { get; init; }

    /// <summary>How many retries the engine made before giving up.</summary>
    public int? RetryCount { get; init; }

    /// <summary>The retry budget the task had.</summary>
    public int? MaxRetries { get; init; }

    /// <summary>For <c>agent_unavailable</c>: how long to wait before sending the task again.</summary>
    public int? RetryDelaySeconds { get; init; }

    /// <summary>For <c>agent_timeout</c>: the timeout, in seconds.</summary>
    public int? TimeoutDuration { get; init; }

    /// <summary>For <c>invalid_input</c>: one entry per wrong field.</summary>
    public IReadOnlyList<ValidationError>? ValidationErrors { get; init; }

    /// <summary>For <c>system_error</c>: which component failed and how.</summary>
    public SystemDetails? SystemDetails { get; init; }

    /// <summary>Fields this contract does not name, kept as they came.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }
}
