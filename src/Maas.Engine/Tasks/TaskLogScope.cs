using System.Collections;

namespace Maas.Engine.Tasks;

/// <summary>
/// The logging scope of work done for one task: every line written inside it (the chat client's, a provider's) carries
/// <c>TaskId</c>, which the JSON log writes as <c>task_id</c>.
/// </summary>
internal sealed class TaskLogScope(string taskId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new("TaskId", taskId) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"task {taskId}";
}
