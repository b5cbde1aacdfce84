using System.Text.Json;
using System.Text.Json.Nodes;

namespace Maas.Engine.AI.Offline;

/// <summary>The engine task carried by the User message.</summary>
/// <param name="TaskType">The <c>task_type</c>, or <see cref="UnknownTaskType"/> when the text is not a task.</param>
/// <param name="InputData">The <c>input_data</c> object, empty when absent or not an object.</param>
internal sealed record OfflineRequest(string TaskType, JsonObject InputData)
{
    /// <summary>The task type reported for text that does not name one.</summary>
    public const string UnknownTaskType = "unknown";

    // Duplicate keys would otherwise surface later as an ArgumentException from JsonObject.
    private static readonly JsonDocumentOptions _documentOptions = new() { AllowDuplicateProperties = false };

    /// <summary>Reads the task from <paramref name="userText"/>, never failing on malformed text.</summary>
    public static OfflineRequest Parse(string userText)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(userText, documentOptions: _documentOptions);
        }
        catch (JsonException)
        {
            root = null;
        }

        if (root is not JsonObject task)
        {
            return new OfflineRequest(UnknownTaskType, []);
        }

        var taskType = JsonInput.GetText(task, "task_type");
        var inputData = task["input_data"] is JsonObject data ? data : [];
        return new OfflineRequest(string.IsNullOrWhiteSpace(taskType) ? UnknownTaskType : taskType.Trim(), inputData);
    }
}
