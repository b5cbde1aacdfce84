using System.Globalization;
using System.Text.Json;
using Maas.Contracts.Diagnostics;
using Maas.Contracts.Messages;
using Maas.Contracts.Wire;

namespace Maas.RedisBridge.Inbound;

/// <summary>
/// Reads one Redis message into what the bridge must do. It never throws: whatever arrives, the caller gets an
/// answer it can act on. Field names in validation errors are relative to <c>data</c> for data fields (as the
/// seed's <c>input_data.description</c>) and bare for envelope fields (<c>timestamp</c>); deeper ones follow the
/// path syntax of <see cref="TextScan"/>. Text checks (<see cref="TextScan"/>) run before any string is read, so no
/// read below can meet text it cannot decode.
/// </summary>
internal static class InboundMessageReader
{
    // Enough to find an envelope's task_id in an oversized message without reading all of it.
    private const int OversizePrefixBytes = 64 * 1024;

    private const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    public static InboundMessage Read(ReadOnlySpan<byte> body, int maxBytes, DateTimeOffset now)
    {
        try
        {
            return ReadChecked(body, maxBytes, now);
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException or ArgumentException or FormatException)
        {
            // A case the checks above did not foresee: still one of the closed set, never an exception.
            return FindTaskId(body) is { } taskId
                ? new InboundMessage.Invalid(taskId, RequestKeys.Of(null, body), "Message could not be read", [new ValidationError("message", $"Could not be read: {e.Message}")])
                : new InboundMessage.Unreadable($"could not be read: {e.Message}");
        }
    }

    private static InboundMessage ReadChecked(ReadOnlySpan<byte> body, int maxBytes, DateTimeOffset now)
    {
        if (body.Length > maxBytes)
        {
            return FindTaskId(body[..Math.Min(body.Length, OversizePrefixBytes)]) is { } oversizedTask
                ? new InboundMessage.Invalid(oversizedTask, RequestKeys.Of(null, body), $"Message is {body.Length} bytes; the limit is {maxBytes}",
                    [new ValidationError("message", $"Larger than {maxBytes} bytes")])
                : new InboundMessage.Unreadable($"message of {body.Length} bytes is over the {maxBytes}-byte limit and names no task_id near its start");
        }

        var scan = TextScan.Scan(body, MaxDepth);
        if (scan.TaskIdUnreadable)
        {
            return new InboundMessage.Unreadable("task_id is not valid text (invalid UTF-8 or an unpaired surrogate)");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), DocumentOptions);
        }
        catch (JsonException e)
        {
            return FindTaskId(body) is { } taskId
                ? Invalid(taskId, RequestKeys.Of(null, body), scan.Count > 0 ? [.. scan.Errors] : [new ValidationError("message", $"Not valid JSON: {e.Message}")], scan.Count)
                : new InboundMessage.Unreadable($"not JSON: {e.Message}");
        }

        using (document)
        {
            return Read(document.RootElement, body, scan, now);
        }
    }

    private static InboundMessage Read(JsonElement root, ReadOnlySpan<byte> body, TextScan.Result scan, DateTimeOffset now)
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

        var requestKey = RequestKeys.Of(Text(root, "timestamp"), body);
        var messageType = Text(root, "message_type");
        return messageType switch
        {
            MessageTypes.TaskExecute => ReadExecute(root, taskId, requestKey, scan, now),
            MessageTypes.TaskStatusUpdate => ReadStatus(root, taskId, requestKey, scan, now),
            null => Invalid(taskId, requestKey, [.. scan.Errors, new ValidationError("message_type", "This field is required")], scan.Count + 1),
            _ => new InboundMessage.Invalid(taskId, requestKey, $"Message type '{messageType}' is not one the engine accepts",
                [.. scan.Errors, new ValidationError("message_type", $"Expected '{MessageTypes.TaskExecute}' or '{MessageTypes.TaskStatusUpdate}'")]),
        };
    }

    private static InboundMessage ReadStatus(JsonElement root, string taskId, string requestKey, TextScan.Result scan, DateTimeOffset now)
    {
        var status = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? Text(data, "status") : null;
        if (status != TaskStatuses.Cancelled)
        {
            return new InboundMessage.Ignored($"status {status ?? "(none)"} from the platform needs no action");
        }

        // The reason is stored with the task: one the engine could not store is replaced, the cancel still stands.
        var reason = scan.Count == 0 ? Text(data, "current_step") : null;
        var sentAt = Timestamp(root) ?? now;
        return new InboundMessage.Cancel(new CancelTask(taskId, string.IsNullOrWhiteSpace(reason) ? "Cancelled by the platform" : reason), sentAt, requestKey);
    }

    private static InboundMessage ReadExecute(JsonElement root, string taskId, string requestKey, TextScan.Result scan, DateTimeOffset now)
    {
        var errors = new List<ValidationError>(scan.Errors);
        var extra = scan.Count - scan.Errors.Count;
        if (RequestLimits.Exceeds(taskId, RequestLimits.TaskId))
        {
            errors.Add(new ValidationError("task_id", $"Longer than {RequestLimits.TaskId} characters"));
        }

        var requestedAt = now;
        if (root.TryGetProperty("timestamp", out var timestamp)
            && timestamp.ValueKind != JsonValueKind.Null
            && (timestamp.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(Decode(timestamp), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out requestedAt)))
        {
            errors.Add(new ValidationError("timestamp", "Must be an ISO-8601 timestamp"));
        }

        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError("data", data.ValueKind == JsonValueKind.Undefined ? "This field is required" : "Must be an object"));
            return Invalid(taskId, requestKey, errors, errors.Count + extra);
        }

        var taskType = RequiredText(data, "task_type", RequestLimits.TaskType, errors);
        var environmentId = RequiredText(data, "environment_id", RequestLimits.EnvironmentId, errors);
        var agentId = OptionalText(data, "agent_id", errors);
        if (agentId is not null && RequestLimits.Exceeds(agentId, RequestLimits.AgentId))
        {
            errors.Add(new ValidationError("agent_id", $"Longer than {RequestLimits.AgentId} characters"));
        }

        string? inputData = null;
        if (!data.TryGetProperty("input_data", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new ValidationError("input_data", "This field is required"));
        }
        else if (input.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError("input_data", "Must be an object"));
        }
        else if (scan.Count == 0)
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
            return Invalid(taskId, requestKey, errors, errors.Count + extra);
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
            TraceParent = TraceParents.Valid(Text(root, "traceparent")),
        }, requestKey);
    }

    private static InboundMessage.Invalid Invalid(string taskId, string requestKey, List<ValidationError> errors, int count)
    {
        var first = errors[0];
        var message = first.Error == "This field is required"
            ? $"Required field '{first.Field}' missing"
            : $"Field '{first.Field}': {first.Error}";
        return new InboundMessage.Invalid(taskId, requestKey, count == 1 ? message : $"{message} (and {count - 1} more)", errors);
    }

    private static DateTimeOffset? Timestamp(JsonElement root) =>
        root.TryGetProperty("timestamp", out var timestamp) && timestamp.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(Decode(timestamp), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime()
            : null;

    private static bool IsKnownPriority(string priority) =>
        priority.Trim().ToLowerInvariant() is "low" or "normal" or "high" or "urgent";

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Decode(value) : null;

    // Text the scan refused (and so already named) cannot be decoded; it reads as absent rather than throwing.
    private static string? Decode(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string? RequiredText(JsonElement data, string name, int limit, List<ValidationError> errors)
    {
        if (!data.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new ValidationError(name, "This field is required"));
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? Decode(value) : null;
        if (text is null && value.ValueKind == JsonValueKind.String)
        {
            return null; // not text: the scan named it
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new ValidationError(name, "Must be a non-empty string"));
            return null;
        }

        if (RequestLimits.Exceeds(text, limit))
        {
            errors.Add(new ValidationError(name, $"Longer than {limit} characters"));
            return null;
        }

        return text;
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

        var text = Decode(value);
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
                    return reader.Read() && reader.TokenType == JsonTokenType.String && TextScan.IsReadable(reader.ValueSpan, reader.ValueIsEscaped)
                        ? reader.GetString()
                        : null;
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
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Malformed before any task_id, or a task_id that is not text.
        }

        return null;
    }
}
