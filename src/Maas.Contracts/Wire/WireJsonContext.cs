using System.Text.Json.Serialization;

namespace Maas.Contracts.Wire;

/// <summary>
/// The source-generated serializer for every Redis message: snake_case names, nulls left out (the platform's
/// validator reads an absent optional field and a null one alike), timestamps in the platform's format.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(WireMessage<TaskExecuteData>))]
[JsonSerializable(typeof(WireMessage<TaskStatusUpdateData>))]
[JsonSerializable(typeof(WireMessage<TaskCompletedData>))]
[JsonSerializable(typeof(WireMessage<TaskFailedData>))]
[JsonSerializable(typeof(WireMessage<AgentStatusData>))]
[JsonSerializable(typeof(WireMessage<AgentHeartbeatData>))]
[JsonSerializable(typeof(WireMessage<SystemStatusData>))]
public sealed partial class WireJsonContext : JsonSerializerContext;
