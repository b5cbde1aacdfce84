namespace Maas.Contracts.Messages;

/// <summary>Timer: a failed task's back-off is over and it may be queued again.</summary>
/// <param name="CorrelationId">The saga's id.</param>
/// <param name="Attempt">The attempt that failed and is to be retried.</param>
public sealed record TaskRetryDue(Guid CorrelationId, int Attempt);
