using System.Globalization;
using System.Text.Json;
using Maas.Contracts.Messages;
using Maas.Contracts.Wire;

namespace Maas.RedisBridge.Inbound;

/// <summary>
/// Reads one Redis message into what the bridge must do. It never throws: whatever arrives, the caller gets an
/// answer it can act on. Field names in validation errors are relative to <c>data</c> for data fields (as the
/// seed's <c>input_data.description</c>) and bare for envelope fields (<c>timestamp</c>).
/// </summary>
internal static class InboundMessageReader
{
    // Enough to find an envelope's task_id in an oversized message without reading all of it.
    private const int OversizePrefixBytes = 64 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static InboundMessage Read(ReadOnlySpan<byte> body, int maxBytes, DateTimeOffset now)
    {
        if (body.Length > maxBytes)
        {
            return FindTaskId(body[..Math.Min(body.Length, OversizePrefixBytes)]) is { } oversizedTask
                ? new InboundMessage.Invalid(oversizedTask, $"Message is {body.Length} bytes; the limit is {maxBytes}",
                    [new ValidationError("message", $"Larger than {maxBytes} bytes")])
                : new InboundMessage.Unreadable($"message of {body.Length} bytes is over the {maxBytes}-byte limit and names no task_id near its start");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), DocumentOptions);
        }
        catch (JsonException e)
        {
            return FindTaskId(body) is { } taskId
                ? new InboundMessage.Invalid(taskId, "Message is not valid JSON", [new ValidationError("message", $"Not valid JSON: {e.Message}")])
                : new InboundMessage.Unreadable($"not JSON: {e.Message}");
        }

        using (document)
        {
            return Read(document.RootElement, now);
        }
    }

    private static InboundMessage Read(JsonElement root, DateTimeOffset now)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new InboundMessage.Unreadable($"the message is a JSON {root.ValueKind}, not an object");
        }

        if (Text(root, "source") == MessageSources.Engine)
        {
            return new InboundMessage.Ignored("the engine's own message");
        }

        var taskId = Text(root, "task_id");
        if (string.IsNullOrWhiteSpace(taskId))
        {
            return new InboundMessage.Unreadable("no readable task_id");
        }

        var messageType = Text(root, "message_type");
        return messageType switch
        {
            MessageTypes.TaskExecute => ReadExecute(root, taskId, now),
            MessageTypes.TaskStatusUpdate => ReadStatus(root, taskId),
            null => new InboundMessage.Invalid(taskId, "Required field 'message_type' missing",
                [new ValidationError("message_type", "This field is required")]),
            _ => new InboundMessage.Invalid(taskId, $"Message type '{messageType}' is not one the engine accepts",
                [new ValidationError("message_type", $"Expected '{MessageTypes.TaskExecute}' or '{MessageTypes.TaskStatusUpdate}'")]),
        };
    }

    private static InboundMessage ReadStatus(JsonElement root, string taskId)
    {
        var status = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? Text(data, "status") : null;
        return status == TaskStatuses.Cancelled
            ? new InboundMessage.Cancel(new CancelTask(taskId, (data.ValueKind == JsonValueKind.Object ? Text(data, "current_step") : null) ?? "Cancelled by the platform"))
            : new InboundMessage.Ignored($"status {status ?? "(none)"} from the platform needs no action");
    }

    private static InboundMessage ReadExecute(JsonElement root, string taskId, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();

        var requestedAt = now;
        if (root.TryGetProperty("timestamp", out var timestamp)
            && timestamp.ValueKind != JsonValueKind.Null
            && (timestamp.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(timestamp.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out requestedAt)))
        {
            errors.Add(new ValidationError("timestamp", "Must be an ISO-8601 timestamp"));
        }

        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError("data", data.ValueKind == JsonValueKind.Undefined ? "This field is required" : "Must be an object"));
            return Invalid(taskId, errors);
        }

        var taskType = RequiredText(data, "task_type", errors);
        var environmentId = RequiredText(data, "environment_id", errors);
        var agentId = OptionalText(data, "agent_id", errors);

        string? inputData = null;
        if (!data.TryGetProperty("input_data", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new ValidationError("input_data", "This field is required"));
        }
        else if (input.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError("input_data", "Must be an object"));
        }
        else
        {
            inputData = input.GetRawText();
        }

        int? timeout = null, maxRetries = null;
        string? priority = null;
        if (data.TryGetProperty("configuration", out var configuration) && configuration.ValueKind != JsonValueKind.Null)
        {
            if (configuration.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ValidationError("configuration", "Must be an object"));
            }
            else
            {
                timeout = OptionalInt(configuration, "timeout", 1, 7 * 24 * 3600, errors);
                maxRetries = OptionalInt(configuration, "max_retries", 0, 100, errors);
                priority = OptionalText(configuration, "priority", errors, "configuration.");
                if (priority is not null && !IsKnownPriority(priority))
                {
                    errors.Add(new ValidationError("configuration.priority", "Must be one of low, normal, high, urgent"));
                }
            }
        }

        if (errors.Count > 0)
        {
            return Invalid(taskId, errors);
        }

        return new InboundMessage.Execute(new ExecuteTask
        {
            TaskId = taskId,
            TaskType = taskType!,
            EnvironmentId = environmentId!,
            AgentId = agentId,
            InputData = inputData!,
            TimeoutSeconds = timeout,
            MaxRetries = maxRetries,
            Priority = priority,
            RequestedAt = requestedAt.ToUniversalTime(),
            ReceivedAt = now,
        });
    }

    private static InboundMessage.Invalid Invalid(string taskId, List<ValidationError> errors)
    {
        var first = errors[0];
        var message = first.Error == "This field is required"
            ? $"Required field '{first.Field}' missing"
            : $"Field '{first.Field}': {first.Error}";
        return new InboundMessage.Invalid(taskId, errors.Count == 1 ? message : $"{message} (and {errors.Count - 1} more)", errors);
    }

    private static bool IsKnownPriority(string priority) =>
        priority.Trim().ToLowerInvariant() is "low" or "normal" or "high" or "urgent";

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? RequiredText(JsonElement data, string name, List<ValidationError> errors)
    {
        if (!data.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new ValidationError(name, "This field is required"));
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            errors.Add(new ValidationError(name, "Must be a non-empty string"));
            return null;
        }

        return value.GetString();
    }

    private static string? OptionalText(JsonElement element, string name, List<ValidationError> errors, string prefix = "")
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new ValidationError(prefix + name, "Must be a string"));
            return null;
        }

        var text = value.GetString();
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static int? OptionalInt(JsonElement configuration, string name, int min, int max, List<ValidationError> errors)
    {
        if (!configuration.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors.Add(new ValidationError($"configuration.{name}", $"Must be a whole number from {min} to {max}"));
        return null;
    }

    // Reads only the envelope's top level, and stops at the first task_id: an oversized body is never parsed whole.
    private static string? FindTaskId(ReadOnlySpan<byte> prefix)
    {
        var reader = new Utf8JsonReader(prefix, isFinalBlock: false, state: default);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("task_id"u8))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= 1)
                {
                    if (!reader.TrySkip())
                    {
                        return null;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Malformed before any task_id.
        }

        return null;
    }
}
