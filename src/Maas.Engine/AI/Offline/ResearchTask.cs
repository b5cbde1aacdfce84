using System.Text.Json.Nodes;
using Maas.Engine.Agents.Kinds;

namespace Maas.Engine.AI.Offline;

/// <summary>Answers <c>research</c> tasks by saying plainly that no research was possible offline.</summary>
internal static class ResearchTask
{
    /// <summary>Builds the output record: summary, findings, no sources, and no confidence in any of it.</summary>
    public static ResearchOutput Run(JsonObject input)
    {
        var topic = SourceText.SingleLine(JsonInput.GetFirstText(input, "topic", "description", "query", "question", "subject"));
        var quoted = topic.Length == 0 ? "the requested topic" : $"\"{topic}\"";
        return new ResearchOutput(
            $"Offline mode: no AI provider is configured, so no research was performed on {quoted}.",
            [
                "No findings are available: the offline client cannot search or reason without an AI model.",
                "Configure an AI provider and run the task again to research " + quoted + ".",
            ],
            [],
            Confidence: 0);
    }
}
