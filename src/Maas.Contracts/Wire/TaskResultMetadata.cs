using System.Text.Json;
using System.Text.Json.Serialization;

namespace Maas.Contracts.Wire;

/// <summary>The <c>metadata</c> of a <c>task_completed</c> message.</summary>
public sealed record TaskResultMetadata
{
    /// <summary>Input plus output tokens, as counted by the chat client.</summary>
    public long? TokensUsed { get; init; }

    /// <summary>The model that answered, e.g. <c>gemini-2.0-flash</c> or <c>offline</c>.</summary>
    public string? ModelUsed { get; init; }

    /// <summary>Estimated cost in US dollars.</summary>
    public decimal? CostEstimate { get; init; }

    /// <summary>Tool calls (MCP tools) the model made; absent when it made none, so a task without tools has the seed's three fields.</summary>
    public int? ToolCalls { get; init; }

    /// <summary>Fields this contract does not name, kept as they came.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }
}
