using System.Text.Json;
using System.Text.Json.Serialization;

namespace Maas.Contracts.Wire;

/// <summary>The <c>data</c> of a <c>task_status_update</c> message.</summary>
public sealed record TaskStatusUpdateData
{
    /// <summary>One of <see cref="TaskStatuses"/>.</summary>
    public required string Status { get; init; }

    /// <summary>0 to 100.</summary>
    public int? ProgressPercentage { get; init; }

    /// <summary>What the task is doing now, for people.</summary>
    public string? CurrentStep { get; init; }

    /// <summary>The agent running the task.</summary>
    public string? AgentId { get; init; }

    /// <summary>When the engine expects the task to finish.</summary>
    public DateTimeOffset? EstimatedCompletion { get; init; }

    /// <summary>Fields this contract does not name, kept as they came.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }
}
