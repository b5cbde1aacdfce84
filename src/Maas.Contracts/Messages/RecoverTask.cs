namespace Maas.Contracts.Messages;

/// <summary>Command: the engine instance that held a task stopped answering; another instance takes the task over.</summary>
/// <param name="CorrelationId">The saga's id.</param>
/// <param name="LostInstance">The instance that held it; the command is void if the task has moved on since.</param>
public sealed record RecoverTask(Guid CorrelationId, string LostInstance);
