using System.Text.Json.Nodes;

namespace Maas.Tests.Infrastructure;

/// <summary>The seed's <c>task_execute</c> example, with a fresh task id per test and the changes a test needs.</summary>
public static class SeedMessages
{
    public static string NewTaskId(string prefix = "code_generation") => $"{prefix}_{Guid.NewGuid().ToString("N")[..8]}_{DateTime.UtcNow:yyyyMMdd_HHmmss}";

    public static JsonObject TaskExecute(string taskId, Action<JsonObject>? change = null)
    {
        var message = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts", "Wire", "Examples", "task_execute.json")))!.AsObject();
        message["task_id"] = taskId;
        change?.Invoke(message);
        return message;
    }

    public static JsonObject Data(this JsonObject message) => message["data"]!.AsObject();
}
