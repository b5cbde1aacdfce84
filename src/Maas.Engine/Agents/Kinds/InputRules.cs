using System.Text.Json;
using System.Text.Json.Nodes;
using Maas.Contracts.Wire;

namespace Maas.Engine.Agents.Kinds;

/// <summary>The checks task kinds make on <c>input_data</c>, each naming the field as the platform sees it.</summary>
internal static class InputRules
{
    public const string Required = "This field is required";

    public static bool HasText(JsonObject input, string field) =>
        input[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetValue<string>());

    public static void RequireText(JsonObject input, string field, List<ValidationError> errors)
    {
        if (!input.ContainsKey(field) || input[field] is null)
        {
            errors.Add(new ValidationError($"input_data.{field}", Required));
        }
        else if (!HasText(input, field))
        {
            errors.Add(new ValidationError($"input_data.{field}", "Must be a non-empty string"));
        }
    }

    public static void OptionalText(JsonObject input, string field, List<ValidationError> errors)
    {
        if (input[field] is { } node && node.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(new ValidationError($"input_data.{field}", "Must be a string"));
        }
    }

    public static void OptionalArray(JsonObject input, string field, List<ValidationError> errors)
    {
        if (input[field] is { } node && node.GetValueKind() != JsonValueKind.Array)
        {
            errors.Add(new ValidationError($"input_data.{field}", "Must be an array"));
        }
    }
}
