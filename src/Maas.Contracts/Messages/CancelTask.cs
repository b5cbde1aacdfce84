namespace Maas.Contracts.Messages;

/// <summary>Command: stop a task that has not finished.</summary>
/// <param name="TaskId">The platform's task id.</param>
/// <param name="Reason">Why, for people.</param>
public sealed record CancelTask(string TaskId, string Reason);
