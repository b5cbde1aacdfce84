using System.Text.Json.Serialization;

namespace Maas.Engine.Agents.Kinds;

/// <summary>
/// The output records' snake_case JSON, which is the contract. Required constructor parameters and nullable
/// annotations are enforced when reading, so a model's answer that lacks a field or puts null where the contract
/// has none is refused by the serializer itself, and the JSON schema sent to the model says the same.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CodeGenerationOutput))]
[JsonSerializable(typeof(ResearchOutput))]
[JsonSerializable(typeof(TestingOutput))]
[JsonSerializable(typeof(DocumentationOutput))]
internal sealed partial class TaskOutputJsonContext : JsonSerializerContext;
