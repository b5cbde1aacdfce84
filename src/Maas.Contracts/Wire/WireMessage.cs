using System.Text.Json;
using System.Text.Json.Serialization;

namespace Maas.Contracts.Wire;

/// <summary>
/// The envelope every Redis message shares: <c>message_type</c>, <c>task_id</c>, <c>timestamp</c>, <c>source</c>,
/// <c>message_id</c> and a per-type <c>data</c> object. Fields this type does not name are kept in
/// <see cref="Extensions"/>, so a message read and written again loses nothing.
/// </summary>
/// <typeparam name="TData">The shape of <c>data</c> for this message type.</typeparam>
public sealed record WireMessage<TData>
    where TData : class
{
    /// <summary>One of <see cref="MessageTypes"/>.</summary>
    public required string MessageType { get; init; }

    /// <summary>The platform's task id (free text, not a GUID); present on task messages.</summary>
    public string? TaskId { get; init; }

    /// <summary>The agent's id; present at the top level on agent messages.</summary>
    public string? AgentId { get; init; }

    /// <summary>When the message was written, in UTC.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>One of <see cref="MessageSources"/>.</summary>
    public required string Source { get; init; }

    /// <summary>An optional id of this message; the platform may leave it out or send null.</summary>
    public string? MessageId { get; init; }

    /// <summary>The per-type payload.</summary>
    public required TData Data { get; init; }

    /// <summary>Envelope fields this contract does not name, kept as they came.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }
}
