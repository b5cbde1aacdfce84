using Maas.Engine.AI;

namespace Maas.Providers;

/// <summary>The spellings of <c>OPENAI_STRUCTURED_OUTPUT</c>.</summary>
public static class StructuredOutputModes
{
    public static IReadOnlyList<string> Names { get; } = ["json_schema", "json_object", "prompt"];

    public static StructuredOutputMode? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "json_schema" => StructuredOutputMode.JsonSchema,
        "json_object" => StructuredOutputMode.JsonObject,
        "prompt" => StructuredOutputMode.Prompt,
        _ => null,
    };
}
