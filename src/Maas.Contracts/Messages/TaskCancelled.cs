namespace Maas.Contracts.Messages;

/// <summary>Event: a task was cancelled before it finished.</summary>
/// <param name="TaskId">The platform's task id.</param>
/// <param name="Reason">Why, for people.</param>
/// <param name="CancelledAt">When.</param>
public sealed record TaskCancelled(string TaskId, string Reason, DateTimeOffset CancelledAt);
