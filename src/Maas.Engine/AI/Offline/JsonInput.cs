using System.Text.Json;
using System.Text.Json.Nodes;

namespace Maas.Engine.AI.Offline;

/// <summary>Lenient readers for <c>input_data</c>, which comes from a model-facing protocol and may be loosely typed.</summary>
internal static class JsonInput
{
    /// <summary>Returns the string at <paramref name="key"/>, or null when it is missing or not a string.</summary>
    public static string? GetText(JsonObject data, string key) =>
        data[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>Returns the first non-blank string among <paramref name="keys"/>, or null.</summary>
    public static string? GetFirstText(JsonObject data, params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            var text = GetText(data, key);
            if (!string.IsNullOrWhiteSpace(text))
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>Returns the non-blank strings of the array at <paramref name="key"/>, ignoring other elements.</summary>
    public static IReadOnlyList<string> GetTexts(JsonObject data, string key)
    {
        if (data[key] is not JsonArray array)
        {
            return [];
        }

        return array
            .OfType<JsonValue>()
            .Where(item => item.GetValueKind() == JsonValueKind.String)
            .Select(item => item.GetValue<string>())
            .Where(text => !string.IsNullOrWhiteSpace(text))
            .ToList();
    }
}
