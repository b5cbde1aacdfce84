using Maas.Engine.Tasks;
using Npgsql;

namespace Maas.Engine.Persistence;

/// <summary>
/// One column of <c>ai_engine.task_state</c> as the engine's own SQL sees it: its name, how a value is read from a
/// row, bound as a parameter, compared between two rows, and whether a new run of the task clears it. The list of
/// them is <see cref="TaskStateColumns"/>; <see cref="TaskStateTable"/> builds every statement from that list.
/// </summary>
internal abstract class TaskStateColumn(string name, bool perRun, string cast)
{
    public string Name { get; } = name;

    /// <summary>Belongs to one run of the task: cleared when a finished task is requested again (<c>StartOver</c>).</summary>
    public bool PerRun { get; } = perRun;

    /// <summary>
    /// A cast for the bound value where comparing it with the stored one needs the column's own rounding
    /// (<c>numeric(18,6)</c>); empty otherwise.
    /// </summary>
    public string Cast { get; } = cast;

    public abstract void Read(NpgsqlDataReader row, int ordinal, TaskState task);

    public abstract NpgsqlParameter Bind(TaskState task);

    public abstract bool Same(TaskState a, TaskState b);

    /// <summary>Sets the property to its type's default (null, 0, false): the value a new run starts from.</summary>
    public abstract void Reset(TaskState task);
}
