using System.Text.Json.Nodes;
using Maas.Contracts.Messages;
using Maas.Contracts.Wire;

namespace Maas.RedisBridge.Outbound;

/// <summary>
/// The saga's events as the platform's wire messages. Every message carries the fields the platform's validator
/// requires (a message without them is dropped there silently), which the tests check for each one.
/// </summary>
public static class WireMessages
{
    public static WireMessage<TaskStatusUpdateData> StatusUpdate(TaskStatusChanged e) => new()
    {
        MessageType = MessageTypes.TaskStatusUpdate,
        TaskId = e.TaskId,
        Timestamp = e.Timestamp,
        Source = MessageSources.Engine,
        MessageId = MessageIds.ForStatus(e.TaskId, e.Status, e.Timestamp, e.ProgressPercentage),
        Data = new TaskStatusUpdateData
        {
            Status = e.Status,
            ProgressPercentage = e.ProgressPercentage,
            CurrentStep = e.CurrentStep,
            AgentId = e.AgentId,
            EstimatedCompletion = e.EstimatedCompletion,
        },
    };

    public static WireMessage<TaskCompletedData> Completed(TaskCompleted e) => new()
    {
        MessageType = MessageTypes.TaskCompleted,
        TaskId = e.TaskId,
        Timestamp = e.CompletedAt,
        Source = MessageSources.Engine,
        MessageId = MessageIds.ForResult(e.TaskId, MessageTypes.TaskCompleted, e.CompletedAt),
        Data = new TaskCompletedData
        {
            Status = TaskStatuses.Completed,
            ExecutionTimeSeconds = e.ExecutionTimeSeconds,
            AgentId = e.AgentId,
            OutputData = JsonNode.Parse(e.OutputData) as JsonObject ?? [],
            Metadata = new TaskResultMetadata { TokensUsed = e.TokensUsed, ModelUsed = e.ModelUsed, CostEstimate = e.CostEstimate, ToolCalls = e.ToolCalls },
        },
    };

    public static WireMessage<TaskFailedData> Failed(TaskFailed e) => new()
    {
        MessageType = MessageTypes.TaskFailed,
        TaskId = e.TaskId,
        Timestamp = e.FailedAt,
        Source = MessageSources.Engine,
        MessageId = MessageIds.ForResult(e.TaskId, MessageTypes.TaskFailed, e.FailedAt),
        Data = new TaskFailedData
        {
            Status = TaskStatuses.Failed,
            ErrorType = e.ErrorType,
            ErrorMessage = e.ErrorMessage,
            ErrorDetails = ErrorDetails(e),
            RetryPossible = e.RetryPossible,
            RetryCount = e.RetryCount,
            MaxRetries = e.MaxRetries,
            RetryDelaySeconds = e.RetryDelaySeconds,
            TimeoutDuration = e.TimeoutDuration,
            ValidationErrors = e.ValidationErrors,
            SystemDetails = e.SystemDetails,
        },
    };

    /// <summary>
    /// The answer to a request that could not be run as sent; it never reached the saga. <c>requestKey</c> identifies
    /// the request (see <see cref="MessageIds.ForAnswer"/>): every instance answers with the same id.
    /// </summary>
    public static WireMessage<TaskFailedData> Rejected(string taskId, string requestKey, string errorMessage, IReadOnlyList<ValidationError> errors, DateTimeOffset now) => new()
    {
        MessageType = MessageTypes.TaskFailed,
        TaskId = taskId,
        Timestamp = now,
        Source = MessageSources.Engine,
        MessageId = MessageIds.ForAnswer(taskId, MessageTypes.TaskFailed, requestKey),
        Data = new TaskFailedData
        {
            Status = TaskStatuses.Failed,
            ErrorType = ErrorTypes.InvalidInput,
            ErrorMessage = errorMessage,
            RetryPossible = false,
            ValidationErrors = errors,
        },
    };

    /// <summary>
    /// The answer when the engine could not take a request in at all (its database stayed away). <c>requestKey</c>
    /// identifies the request (see <see cref="MessageIds.ForAnswer"/>): every instance answers with the same id.
    /// </summary>
    public static WireMessage<TaskFailedData> SystemError(string taskId, string requestKey, string errorMessage, SystemDetails details, DateTimeOffset now) => new()
    {
        MessageType = MessageTypes.TaskFailed,
        TaskId = taskId,
        Timestamp = now,
        Source = MessageSources.Engine,
        MessageId = MessageIds.ForAnswer(taskId, MessageTypes.TaskFailed, requestKey),
        Data = new TaskFailedData
        {
            Status = TaskStatuses.Failed,
            ErrorType = ErrorTypes.SystemError,
            ErrorMessage = errorMessage,
            RetryPossible = true,
            SystemDetails = details,
        },
    };

    /// <summary>One instance's copy of one agent as it stands; <c>data.instance_id</c> names the instance.</summary>
    public static WireMessage<AgentStatusData> AgentStatus(string agentId, AgentStatusData data, DateTimeOffset now) => new()
    {
        MessageType = MessageTypes.AgentStatus,
        AgentId = agentId,
        Timestamp = now,
        Source = MessageSources.Engine,
        MessageId = MessageIds.ForAgent(MessageTypes.AgentStatus, agentId, data.InstanceId ?? "", now),
        Data = data,
    };

    /// <summary>The short form of <see cref="AgentStatus"/>, for platforms that read <c>agent_heartbeat</c>.</summary>
    public static WireMessage<AgentHeartbeatData> AgentHeartbeat(string agentId, string instanceId, AgentHeartbeatData data, DateTimeOffset now) => new()
    {
        MessageType = MessageTypes.AgentHeartbeat,
        AgentId = agentId,
        Timestamp = now,
        Source = MessageSources.Engine,
        MessageId = MessageIds.ForAgent(MessageTypes.AgentHeartbeat, agentId, instanceId, now),
        Data = data,
    };

    /// <summary>One instance's health and figures; <c>data.instance_id</c> names the instance.</summary>
    public static WireMessage<SystemStatusData> SystemStatus(SystemStatusData data, DateTimeOffset now) => new()
    {
        MessageType = MessageTypes.SystemStatus,
        Timestamp = now,
        Source = MessageSources.Engine,
        MessageId = MessageIds.ForSystem(data.InstanceId ?? "", now),
        Data = data,
    };

    // The seed's agent_timeout example names the agent in error_details; every failure with an agent does here.
    private static JsonObject? ErrorDetails(TaskFailed e)
    {
        var details = e.ErrorDetails is null ? null : JsonNode.Parse(e.ErrorDetails) as JsonObject;
        if (e.AgentId is null)
        {
            return details;
        }

        details ??= [];
        if (!details.ContainsKey("agent_id"))
        {
            details["agent_id"] = e.AgentId;
        }

        if (e.TimeoutDuration is { } timeout && !details.ContainsKey("timeout_duration"))
        {
            details["timeout_duration"] = timeout;
        }

        return details;
    }
}
