namespace Maas.Contracts.Api;

/// <summary>The body of <c>GET /tasks/processing</c>.</summary>
/// <param name="ProcessingTasks">Tasks queued or running, on any engine instance, oldest first.</param>
public sealed record ProcessingTasksResponse(IReadOnlyList<ProcessingTask> ProcessingTasks);
