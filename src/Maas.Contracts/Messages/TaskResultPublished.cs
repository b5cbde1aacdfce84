namespace Maas.Contracts.Messages;

/// <summary>Event: the final result of a task reached Redis, so it need not be published again.</summary>
/// <param name="TaskId">The platform's task id.</param>
/// <param name="PublishedAt">When.</param>
public sealed record TaskResultPublished(string TaskId, DateTimeOffset PublishedAt);
