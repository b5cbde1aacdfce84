namespace Maas.Engine.Tasks;

/// <summary>
/// The saga's state names as stored in <c>task_state.current_state</c>. They are the names of
/// <see cref="TaskStateMachine"/>'s <c>State</c> properties (MassTransit stores a state by its name); every comparison
/// of a stored state, in C# or in SQL, uses these.
/// </summary>
public static class TaskStateNames
{
    public const string Queued = nameof(TaskStateMachine.Queued);

    public const string InProgress = nameof(TaskStateMachine.InProgress);

    public const string Completed = nameof(TaskStateMachine.Completed);

    public const string Failed = nameof(TaskStateMachine.Failed);

    public const string Cancelled = nameof(TaskStateMachine.Cancelled);

    /// <summary>States in which an instance holds the task (its backlog, its worker or its retry timer).</summary>
    public static bool IsUnfinished(string state) => state is Queued or InProgress;
}
