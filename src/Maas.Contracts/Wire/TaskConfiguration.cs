using System.Text.Json;
using System.Text.Json.Serialization;

namespace Maas.Contracts.Wire;

/// <summary>The <c>configuration</c> of a <c>task_execute</c> message.</summary>
public sealed record TaskConfiguration
{
    /// <summary>Seconds one attempt may take; the engine's default when absent.</summary>
    public int? Timeout { get; init; }

    /// <summary>How many times a failed attempt may be retried.</summary>
    public int? MaxRetries { get; init; }

    /// <summary><c>low</c>, <c>normal</c>, <c>high</c> or <c>urgent</c>.</summary>
    public string? Priority { get; init; }

    /// <summary>Fields this contract does not name, kept as they came.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }
}
