namespace Maas.Contracts.Messages;

/// <summary>Timer: an attempt ran out of time. Scheduled by the saga, delivered by the scheduler.</summary>
/// <param name="CorrelationId">The saga's id.</param>
/// <param name="Attempt">The attempt the timer was set for.</param>
public sealed record TaskTimeoutElapsed(Guid CorrelationId, int Attempt);
