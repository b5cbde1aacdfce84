using System.Text.Json.Nodes;
using Maas.Contracts.Wire;
using Maas.Engine.Agents.Kinds;

namespace Maas.Engine.Agents;

/// <summary>What each task type needs in <c>input_data</c>; a task that lacks it fails once, as <c>invalid_input</c>.</summary>
public static class TaskInputValidator
{
    /// <summary>The input's errors for its kind; none for a task type no kind serves (that is an agent's absence, not bad input).</summary>
    public static IReadOnlyList<ValidationError> Validate(string taskType, JsonObject input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TaskKinds.Find(taskType)?.ValidateInput(input) ?? [];
    }
}
