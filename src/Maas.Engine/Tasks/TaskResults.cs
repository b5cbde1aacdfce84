using System.Text.Json;
using Maas.Contracts.Messages;

namespace Maas.Engine.Tasks;

/// <summary>A finished task's result as the event the saga published, rebuilt from its row to be published or shown again.</summary>
public static class TaskResults
{
    public static TaskFailed ToFailed(this TaskState task) =>
        JsonSerializer.Deserialize(task.ErrorData!, EngineJsonContext.Default.TaskFailed)! with { TraceParent = task.TraceParent };

    public static TaskCompleted ToCompleted(this TaskState task) => new()
    {
        TaskId = task.TaskId,
        AgentId = task.AgentId ?? "",
        OutputData = task.OutputData ?? "{}",
        ExecutionTimeSeconds = task.StartedAt is { } started && task.FinishedAt is { } finished
            ? Math.Round((finished - started).TotalSeconds, 3)
            : 0,
        TokensUsed = task.TokensUsed,
        ModelUsed = task.ModelUsed,
        CostEstimate = task.CostEstimate is { } cost ? cost / 1.000000000000000000000000000000000m : null, // drops the column's trailing zeros
        ToolCalls = task.ToolCalls > 0 ? task.ToolCalls : null,
        CompletedAt = task.FinishedAt ?? task.UpdatedAt,
        TraceParent = task.TraceParent,
    };
}
