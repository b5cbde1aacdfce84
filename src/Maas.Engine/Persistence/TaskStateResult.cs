using Maas.Engine.Tasks;

namespace Maas.Engine.Persistence;

/// <summary>The answer to one <see cref="TaskStateOperation"/>: the row read, or the version written (null: no row).</summary>
internal readonly record struct TaskStateResult(TaskState? Row, uint? Version);
