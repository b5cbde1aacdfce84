using System.Text.Json;
using System.Text.Json.Nodes;
using Maas.Contracts.Wire;

namespace Maas.Engine.Agents;

/// <summary>What each task type needs in <c>input_data</c>; a task that lacks it fails once, as <c>invalid_input</c>.</summary>
public static class TaskInputValidator
{
    public static IReadOnlyList<ValidationError> Validate(string taskType, JsonObject input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<ValidationError>();
        switch (taskType)
        {
            case "code_generation":
                RequireText(input, "description", errors);
                OptionalText(input, "language", errors);
                OptionalText(input, "framework", errors);
                OptionalArray(input, "requirements", errors);
                break;
            case "research":
                if (!HasText(input, "query") && !HasText(input, "topic") && !HasText(input, "description"))
                {
                    errors.Add(new ValidationError("input_data.query", "One of query, topic or description is required"));
                }

                break;
            case "testing":
            case "documentation":
                RequireText(input, "description", errors);
                break;
        }

        return errors;
    }

    private static bool HasText(JsonObject input, string field) =>
        input[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetValue<string>());

    private static void RequireText(JsonObject input, string field, List<ValidationError> errors)
    {
        if (!input.ContainsKey(field) || input[field] is null)
        {
            errors.Add(new ValidationError($"input_data.{field}", "This field is required"));
        }
        else if (!HasText(input, field))
        {
            errors.Add(new ValidationError($"input_data.{field}", "Must be a non-empty string"));
        }
    }

    private static void OptionalText(JsonObject input, string field, List<ValidationError> errors)
    {
        if (input[field] is { } node && node.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(new ValidationError($"input_data.{field}", "Must be a string"));
        }
    }

    private static void OptionalArray(JsonObject input, string field, List<ValidationError> errors)
    {
        if (input[field] is { } node && node.GetValueKind() != JsonValueKind.Array)
        {
            errors.Add(new ValidationError($"input_data.{field}", "Must be an array"));
        }
    }
}
