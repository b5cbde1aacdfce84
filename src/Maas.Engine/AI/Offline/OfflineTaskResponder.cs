using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maas.Engine.Agents.Kinds;

namespace Maas.Engine.AI.Offline;

/// <summary>Turns a task's User text into the JSON text of its <c>output_data</c>: the kind's own output record.</summary>
internal static class OfflineTaskResponder
{
    private const int MaxEchoedTaskTypeLength = 64;

    private static readonly Dictionary<string, Func<JsonObject, string>> _tasks =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["code_generation"] = input => TaskKind<CodeGenerationOutput>.Write(CodeGenerationTask.Run(input)),
            ["research"] = input => TaskKind<ResearchOutput>.Write(ResearchTask.Run(input)),
            ["documentation"] = input => TaskKind<DocumentationOutput>.Write(DocumentationTask.Run(input)),
            ["testing"] = input => TaskKind<TestingOutput>.Write(TestingTask.Run(input)),
        };

    // The reply is parsed as JSON, never embedded in HTML, so HTML-safe escaping would only obscure the code.
    private static readonly JsonSerializerOptions _serializerOptions =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Answers <paramref name="userText"/> with a JSON object, whatever the text holds.</summary>
    public static string Respond(string userText)
    {
        var request = OfflineRequest.Parse(userText);
        return _tasks.TryGetValue(request.TaskType, out var run)
            ? run(request.InputData)
            : Unsupported(request.TaskType).ToJsonString(_serializerOptions);
    }

    private static JsonObject Unsupported(string taskType)
    {
        var echoed = SourceText.Truncate(SourceText.SingleLine(taskType), MaxEchoedTaskTypeLength);
        return new JsonObject
        {
            ["result"] = $"Offline mode: no AI provider is configured, so task type '{echoed}' was not processed.",
        };
    }
}
