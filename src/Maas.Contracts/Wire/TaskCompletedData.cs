using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Maas.Contracts.Wire;

/// <summary>The <c>data</c> of a <c>task_completed</c> message.</summary>
public sealed record TaskCompletedData
{
    /// <summary>Always <c>COMPLETED</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Wall-clock seconds the successful attempt took.</summary>
    public double? ExecutionTimeSeconds { get; init; }

    /// <summary>The agent that ran the task.</summary>
    public string? AgentId { get; init; }

    /// <summary>The result, free-form per task type (for <c>code_generation</c>: code, language, file_name, ...).</summary>
    public required JsonObject OutputData { get; init; }

    /// <summary>Tokens, model and cost of the run.</summary>
    public TaskResultMetadata? Metadata { get; init; }

    /// <summary>Fields this contract does not name, kept as they came.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }
}
