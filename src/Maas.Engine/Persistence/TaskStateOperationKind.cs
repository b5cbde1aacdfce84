namespace Maas.Engine.Persistence;

/// <summary>What a <see cref="TaskStateOperation"/> asks of <c>task_state</c>.</summary>
internal enum TaskStateOperationKind
{
    Find,
    Insert,
    Update,
    Version,
    Delete,
}
