using Maas.Engine.Tasks;
using Npgsql;

namespace Maas.Engine.Persistence;

/// <summary>One caller's request to <see cref="TaskStateStore"/>, waiting in its queue for a batch, and the statement it becomes.</summary>
internal sealed class TaskStateOperation(TaskStateOperationKind kind, Guid correlationId)
{
    public TaskStateOperationKind Kind { get; } = kind;

    public Guid CorrelationId { get; } = correlationId;

    /// <summary>PostgreSQL refused this operation's statement.</summary>
    public bool Refused { get; set; }

    /// <summary>The row to write. Its values are bound when the batch is built, before the caller is answered, and the caller waits for that answer before it changes the row again.</summary>
    public TaskState? Task { get; init; }

    public uint ExpectedVersion { get; init; }

    public TaskCompletionSource<TaskStateResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A statement that tells whether this operation's write was committed (see <see cref="Confirmed"/>).</summary>
    public NpgsqlBatchCommand ToConfirmCommand()
    {
        if (Kind is TaskStateOperationKind.Insert or TaskStateOperationKind.Update)
        {
            var stored = new NpgsqlBatchCommand(TaskStateTable.SelectVersionIfStored);
            TaskStateTable.Bind(stored.Parameters, Task!);
            return stored;
        }

        var select = new NpgsqlBatchCommand(TaskStateTable.SelectVersion);
        select.Parameters.Add(TaskStateTable.Key(CorrelationId));
        return select;
    }

    /// <summary>
    /// The answer for a write found committed, from the version <see cref="ToConfirmCommand"/> returned; null if it
    /// must be sent again (reads always are; a write sent again is still checked by its key or version).
    /// </summary>
    public TaskStateResult? Confirmed(uint? found) => Kind switch
    {
        TaskStateOperationKind.Insert when found is not null => new TaskStateResult(null, found),
        TaskStateOperationKind.Update when found is not null && found != Task!.Version => new TaskStateResult(null, found),
        TaskStateOperationKind.Delete when found is null => new TaskStateResult(null, ExpectedVersion),
        _ => null,
    };

    public NpgsqlBatchCommand ToCommand()
    {
        switch (Kind)
        {
            case TaskStateOperationKind.Insert:
            {
                var insert = new NpgsqlBatchCommand(TaskStateTable.Insert);
                TaskStateTable.Bind(insert.Parameters, Task!);
                return insert;
            }

            case TaskStateOperationKind.Update:
            {
                var update = new NpgsqlBatchCommand(TaskStateTable.Update);
                TaskStateTable.Bind(update.Parameters, Task!);
                update.Parameters.Add(TaskStateTable.Version(Task!.Version));
                return update;
            }

            case TaskStateOperationKind.Delete:
            {
                var delete = new NpgsqlBatchCommand(TaskStateTable.Delete);
                delete.Parameters.Add(TaskStateTable.Key(CorrelationId));
                delete.Parameters.Add(TaskStateTable.Version(ExpectedVersion));
                return delete;
            }

            default:
            {
                var select = new NpgsqlBatchCommand(Kind == TaskStateOperationKind.Find ? TaskStateTable.SelectByKey : TaskStateTable.SelectVersion);
                select.Parameters.Add(TaskStateTable.Key(CorrelationId));
                return select;
            }
        }
    }
}
