namespace Maas.Engine.Persistence;

/// <summary>A task whose timer should have fired by now: its attempt's deadline (running) or its retry time (waiting).</summary>
/// <param name="CorrelationId">The saga's id.</param>
/// <param name="Running">True for an attempt's deadline, false for a retry's back-off.</param>
/// <param name="Attempt">The attempt the timer was set for.</param>
/// <param name="TokenId">The scheduling token the row holds for that timer, if any.</param>
internal sealed record OverdueTimer(Guid CorrelationId, bool Running, int Attempt, Guid? TokenId);
