using System.Text.Json;
using System.Text.Json.Nodes;

namespace Maas.Tests.Providers;

/// <summary>A small output schema, as a task kind would send it.</summary>
internal static class ProviderSchemas
{
    public static JsonElement Summary { get; } = JsonDocument.Parse(new JsonObject
    {
        ["type"] = "object",
        ["properties"] = new JsonObject { ["summary"] = new JsonObject { ["type"] = "string" } },
        ["required"] = new JsonArray("summary"),
        ["additionalProperties"] = false,
    }.ToJsonString()).RootElement;
}
