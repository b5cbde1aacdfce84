using Maas.Engine.Tasks;
using Npgsql;

namespace Maas.Engine.Persistence;

/// <summary>A column of <typeparamref name="T"/>: the property it maps and the read and bind of its PostgreSQL type.</summary>
internal sealed class TaskStateColumn<T>(
    string name,
    Func<TaskState, T> get,
    Action<TaskState, T> set,
    Func<NpgsqlDataReader, int, T> read,
    Func<T, NpgsqlParameter> bind,
    bool perRun = false,
    string cast = "") : TaskStateColumn(name, perRun, cast)
{
    public override void Read(NpgsqlDataReader row, int ordinal, TaskState task) => set(task, read(row, ordinal));

    public override NpgsqlParameter Bind(TaskState task) => bind(get(task));

    public override bool Same(TaskState a, TaskState b) => EqualityComparer<T>.Default.Equals(get(a), get(b));

    public override void Reset(TaskState task) => set(task, default!);
}
