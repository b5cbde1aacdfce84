namespace Maas.Contracts.Wire;

/// <summary>The platform's task status enumeration, as written on the wire.</summary>
public static class TaskStatuses
{
    /// <summary>The platform created the task; the engine has not taken it yet.</summary>
    public const string Created = "CREATED";

    /// <summary>The engine accepted the task and it waits for a worker (or for a retry).</summary>
    public const string Queued = "QUEUED";

    /// <summary>An agent was chosen for the task.</summary>
    public const string Assigned = "ASSIGNED";

    /// <summary>An agent is running the task.</summary>
    public const string InProgress = "IN_PROGRESS";

    /// <summary>The task finished with a result.</summary>
    public const string Completed = "COMPLETED";

    /// <summary>The task failed for good.</summary>
    public const string Failed = "FAILED";

    /// <summary>The task was cancelled.</summary>
    public const string Cancelled = "CANCELLED";
}
