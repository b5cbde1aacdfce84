using System.Text.Json.Nodes;
using Maas.Contracts.Api;
using Maas.Contracts.Wire;
using Maas.Engine.Tasks;
using Maas.RedisBridge.Outbound;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Maas.Engine.Api.Endpoints;

/// <summary>Where tasks stand, read from their saga rows: the same answer from every engine instance.</summary>
internal static class TaskEndpoints
{
    private const int ProcessingLimit = 1000;

    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder routes)
    {
        var tasks = routes.MapGroup("/tasks").WithTags("Tasks");
        tasks.MapGet("/processing", GetProcessing).WithSummary("Tasks queued or running, oldest first");
        tasks.MapGet("/{task_id}", GetTask).WithSummary("One task's state, attempts, agent and result")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<Results<Ok<TaskDetails>, ProblemHttpResult>> GetTask(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "task_id")] string taskId, TaskQueries queries, CancellationToken cancellationToken)
    {
        var task = await queries.Find(taskId, cancellationToken);
        return task is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Task not found",
                detail: $"No task '{taskId}' has reached the engine.", type: "https://maas.dev/problems/task-not-found")
            : TypedResults.Ok(ToDetails(task));
    }

    public static async Task<Ok<ProcessingTasksResponse>> GetProcessing(TaskQueries queries, CancellationToken cancellationToken)
    {
        var tasks = await queries.Unfinished(ProcessingLimit, cancellationToken);
        return TypedResults.Ok(new ProcessingTasksResponse([.. tasks.Select(t => new ProcessingTask
        {
            TaskId = t.TaskId,
            Status = WireStatus(t.CurrentState),
            AgentId = t.AgentId,
            StartedAt = t.CurrentState == TaskStateNames.InProgress ? t.StartedAt : null,
            Progress = t.ProgressPercentage,
            EstimatedCompletion = t.CurrentState == TaskStateNames.InProgress ? t.DeadlineAt : null,
        })]));
    }

    internal static string WireStatus(string state) => state switch
    {
        TaskStateNames.Queued => TaskStatuses.Queued,
        TaskStateNames.InProgress => TaskStatuses.InProgress,
        TaskStateNames.Completed => TaskStatuses.Completed,
        TaskStateNames.Failed => TaskStatuses.Failed,
        TaskStateNames.Cancelled => TaskStatuses.Cancelled,
        _ => TaskStatuses.Created,
    };

    private static TaskDetails ToDetails(TaskState task)
    {
        var completed = task.CurrentState == TaskStateNames.Completed ? task.ToCompleted() : null;
        return new TaskDetails
        {
            TaskId = task.TaskId,
            Status = WireStatus(task.CurrentState),
            State = task.CurrentState,
            TaskType = task.TaskType,
            EnvironmentId = task.EnvironmentId,
            AgentId = task.AgentId,
            Attempts = task.Attempt,
            MaxRetries = task.MaxRetries,
            TimeoutSeconds = task.TimeoutSeconds,
            Priority = task.Priority,
            ProgressPercentage = task.ProgressPercentage,
            CurrentStep = task.CurrentStep,
            CreatedAt = task.CreatedAt,
            StartedAt = task.StartedAt,
            FinishedAt = task.FinishedAt,
            UpdatedAt = task.UpdatedAt,
            OutputData = completed is null ? null : JsonNode.Parse(completed.OutputData) as JsonObject,
            Metadata = completed is null ? null : WireMessages.Completed(completed).Data.Metadata,
            InputTokens = task.InputTokens,
            OutputTokens = task.OutputTokens,
            ToolCalls = completed is null ? null : task.ToolCalls,
            ToolCallsByName = task.ToolCallsByName is null ? null : JsonNode.Parse(task.ToolCallsByName) as JsonObject,
            Error = task.ErrorData is null ? null : WireMessages.Failed(task.ToFailed()).Data,
            ResultPublishedAt = task.ResultPublishedAt,
        };
    }
}
