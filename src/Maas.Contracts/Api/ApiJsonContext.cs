using System.Text.Json.Serialization;
using Maas.Contracts.Wire;

namespace Maas.Contracts.Api;

/// <summary>The source-generated serializer for the HTTP API's bodies, with the wire's naming and timestamps.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(TaskDetails))]
[JsonSerializable(typeof(AgentsResponse))]
[JsonSerializable(typeof(ProcessingTasksResponse))]
[JsonSerializable(typeof(StatsResponse))]
[JsonSerializable(typeof(AgentExecuteRequest))]
[JsonSerializable(typeof(AgentExecuteResponse))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
