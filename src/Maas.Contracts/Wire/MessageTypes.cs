namespace Maas.Contracts.Wire;

/// <summary>The values of the envelope's <c>message_type</c>, as the platform spells them.</summary>
public static class MessageTypes
{
    /// <summary>Platform to engine: run a task.</summary>
    public const string TaskExecute = "task_execute";

    /// <summary>Either direction: a task's status changed.</summary>
    public const string TaskStatusUpdate = "task_status_update";

    /// <summary>Engine to platform: a task finished with a result.</summary>
    public const string TaskCompleted = "task_completed";

    /// <summary>Engine to platform: a task failed for good.</summary>
    public const string TaskFailed = "task_failed";

    /// <summary>An agent's status changed.</summary>
    public const string AgentStatus = "agent_status";

    /// <summary>An agent is alive.</summary>
    public const string AgentHeartbeat = "agent_heartbeat";

    /// <summary>A service's overall status.</summary>
    public const string SystemStatus = "system_status";

    /// <summary>A liveness probe between the services.</summary>
    public const string HealthCheck = "health_check";
}
