using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Maas.Engine.Agents;

/// <summary>
/// The tool calls a task's model made, counted from the function results the chat pipeline put into its answers: a
/// call the pipeline did not make (the model asked for one more round than <c>MAX_TOOL_ROUNDS</c> allows) has no result and
/// does not count.
/// </summary>
internal sealed class ToolCallTally
{
    private readonly SortedDictionary<string, int> _byName = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    /// <summary>Calls per tool name as a JSON object, e.g. <c>{"lookup_fact":2}</c>; null when no tool was called.</summary>
    public string? ByNameJson() => Count == 0
        ? null
        : new JsonObject([.. _byName.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]).ToJsonString();

    public void Add(ChatResponse response)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var contents = response.Messages.SelectMany(m => m.Contents).ToList();
        foreach (var call in contents.OfType<FunctionCallContent>())
        {
            names[call.CallId] = call.Name;
        }

        foreach (var result in contents.OfType<FunctionResultContent>())
        {
            var name = names.GetValueOrDefault(result.CallId, "unknown");
            _byName[name] = _byName.GetValueOrDefault(name) + 1;
            Count++;
        }
    }
}
