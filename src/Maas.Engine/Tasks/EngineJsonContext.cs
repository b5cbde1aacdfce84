using System.Text.Json.Serialization;
using Maas.Contracts.Messages;

namespace Maas.Engine.Tasks;

/// <summary>Serializer for what the saga keeps as JSON text in its row.</summary>
[JsonSerializable(typeof(TaskFailed))]
internal sealed partial class EngineJsonContext : JsonSerializerContext;
