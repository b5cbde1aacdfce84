namespace Maas.Contracts.Wire;

/// <summary>
/// The envelope's <c>message_id</c> of every message the engine sends: a name-based GUID of what the message says,
/// never of who sends it or when, so every copy (published again by the recovery sweep, by another instance, or in
/// answer to the same request heard by every instance) carries the same id and the platform can drop the copies.
/// </summary>
public static class MessageIds
{
    // Fixed for all time: changing it changes every id the platform may have stored.
    private static readonly Guid Namespace = new("b8e2f0a4-5c61-5d3e-8a97-2f4c6d1e9b70");

    /// <summary>A final result (<c>task_completed</c>, <c>task_failed</c>) of one run, named by the run's finish time as stored in its row.</summary>
    /// <remarks>The time enters as the wire writes it (microseconds, truncated, as PostgreSQL stores it), so a result rebuilt from its row gets the id of the one first published.</remarks>
    public static string ForResult(string taskId, string messageType, DateTimeOffset finishedAt) =>
        Id($"{taskId}\n{messageType}\nrun:{UtcTimestampConverter.Format(finishedAt)}");

    /// <summary>A <c>task_status_update</c>: one transition of the saga, named by its status, time and progress.</summary>
    public static string ForStatus(string taskId, string status, DateTimeOffset at, int? progressPercentage) =>
        Id($"{taskId}\n{MessageTypes.TaskStatusUpdate}\n{status}\n{UtcTimestampConverter.Format(at)}\n{progressPercentage}");

    /// <summary>
    /// An answer the bridge gives to a request without the saga (<c>invalid_input</c> at the edge, <c>system_error</c>
    /// when the database stayed away): named by the request, which every instance heard alike.
    /// </summary>
    /// <param name="taskId">The request's task id.</param>
    /// <param name="messageType">The answer's message type.</param>
    /// <param name="requestKey">What identifies the request: its envelope <c>timestamp</c> as sent, or a digest of its bytes when it has none.</param>
    public static string ForAnswer(string taskId, string messageType, string requestKey) =>
        Id($"{taskId}\n{messageType}\nrequest:{requestKey}");

    /// <summary>
    /// An <c>agent_status</c> or <c>agent_heartbeat</c>: one report of one instance's copy of an agent, named by the
    /// instance and the report's time (each instance reports its own copy, so the instance is part of what it says).
    /// </summary>
    public static string ForAgent(string messageType, string agentId, string instanceId, DateTimeOffset at) =>
        Id($"agent:{agentId}\n{messageType}\n{instanceId}\n{UtcTimestampConverter.Format(at)}");

    /// <summary>A <c>system_status</c>: one report of one instance, named by the instance and the report's time.</summary>
    public static string ForSystem(string instanceId, DateTimeOffset at) =>
        Id($"system:{instanceId}\n{MessageTypes.SystemStatus}\n{UtcTimestampConverter.Format(at)}");

    private static string Id(string name) => NameBasedGuid.Create(Namespace, name).ToString("D");
}
