using System.Text.Json;
using Maas.Contracts.Messages;
using Maas.Engine.Agents;

namespace Maas.Engine.Execution;

/// <summary>
/// Applies <see cref="AgentSelection"/> to a waiting task and, when it may run, takes the agent's slot at once, so a
/// worker never holds a task whose agent is full. The backlog calls it under its lock, one decision at a time.
/// </summary>
public sealed class AgentDispatcher(AgentCatalog agents, TimeProvider clock)
{
    private long _turn;

    // Language and framework only decide between agents that run the same task type: with one agent per type (the
    // stock agents) the input is not read here at all, which keeps a parse off every task's path.
    private readonly bool _fitDecides = agents.Agents
        .SelectMany(a => a.TaskTypes)
        .GroupBy(t => t, StringComparer.OrdinalIgnoreCase)
        .Any(g => g.Count() > 1);

    /// <summary>What the task asks of an agent; read once per task, as a task may be looked at many times while it waits.</summary>
    public AgentRequest Describe(TaskQueued task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!_fitDecides)
        {
            return new AgentRequest(task.TaskType, task.AgentId, task.EnvironmentId);
        }

        string? language = null, framework = null;
        try
        {
            using var input = JsonDocument.Parse(task.InputData);
            if (input.RootElement.ValueKind == JsonValueKind.Object)
            {
                language = Text(input.RootElement, "language");
                framework = Text(input.RootElement, "framework");
            }
        }
        catch (JsonException)
        {
            // The runner refuses input it cannot read; selection just does without it.
        }

        return new AgentRequest(task.TaskType, task.AgentId, task.EnvironmentId, language, framework);
    }

    /// <summary>The choice, with the slot taken when it is <see cref="AgentChoiceKind.Run"/>; null when the task must wait.</summary>
    public AgentChoice? TryTake(AgentRequest request)
    {
        var choice = AgentSelection.Choose(request, agents.Snapshot(), _turn);
        switch (choice.Kind)
        {
            case AgentChoiceKind.Wait:
                return null;
            case AgentChoiceKind.Run:
                var agent = agents.Find(choice.AgentId!)!;
                // A direct call (POST /agents/{id}/execute) may have taken the last slot since the snapshot.
                if (!agents.ActivityOf(agent.AgentId).TryBegin(agents.LimitOf(agent), clock.GetUtcNow()))
                {
                    return null;
                }

                _turn++;
                return choice;
            default:
                return choice;
        }
    }

    private static string? Text(JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
