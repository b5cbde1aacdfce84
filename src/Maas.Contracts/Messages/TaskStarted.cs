namespace Maas.Contracts.Messages;

/// <summary>Event: a worker began an attempt of a task on an agent.</summary>
/// <param name="TaskId">The platform's task id.</param>
/// <param name="Attempt">The attempt's number, 1 for the first run.</param>
/// <param name="AgentId">The agent running it.</param>
/// <param name="StartedAt">When the attempt began.</param>
public sealed record TaskStarted(string TaskId, int Attempt, string AgentId, DateTimeOffset StartedAt);
