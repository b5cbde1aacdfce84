namespace Maas.Contracts.Messages;

/// <summary>Event: a running attempt made progress.</summary>
/// <param name="TaskId">The platform's task id.</param>
/// <param name="Attempt">The attempt that reports it; reports of an older attempt are dropped.</param>
/// <param name="Percentage">0 to 100.</param>
/// <param name="Step">What the agent is doing now.</param>
public sealed record TaskProgressed(string TaskId, int Attempt, int Percentage, string Step);
