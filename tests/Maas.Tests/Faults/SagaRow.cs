namespace Maas.Tests.Faults;

/// <summary>The columns of one <c>ai_engine.task_state</c> row that say where a task ended.</summary>
internal sealed record SagaRow(string TaskId, string State, int Attempt, string? ErrorType, DateTimeOffset? ResultPublishedAt, string? OwnerInstance)
{
    public bool Final => State is "Completed" or "Failed" or "Cancelled";

    /// <summary>Final, and the engine recorded that its result reached Redis.</summary>
    public bool Delivered => Final && ResultPublishedAt is not null;

    public override string ToString() => $"{State}, attempt {Attempt}{(ErrorType is null ? "" : $", {ErrorType}")}{(ResultPublishedAt is null ? ", not published" : "")}, owner {OwnerInstance ?? "-"}";
}
