using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Maas.Contracts.Wire;

/// <summary>The <c>data</c> of a <c>task_execute</c> message.</summary>
public sealed record TaskExecuteData
{
    /// <summary>What kind of work this is, e.g. <c>code_generation</c>.</summary>
    public required string TaskType { get; init; }

    /// <summary>The platform's environment the task belongs to.</summary>
    public required string EnvironmentId { get; init; }

    /// <summary>The platform's agent for the task; optional: without it the engine chooses one by task type.</summary>
    public string? AgentId { get; init; }

    /// <summary>The task's input, free-form per task type.</summary>
    public required JsonObject InputData { get; init; }

    /// <summary>Timeout, retries and priority; optional.</summary>
    public TaskConfiguration? Configuration { get; init; }

    /// <summary>Fields this contract does not name, kept as they came.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }
}
