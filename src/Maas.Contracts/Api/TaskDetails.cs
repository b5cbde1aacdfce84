using System.Text.Json.Nodes;
using Maas.Contracts.Wire;

namespace Maas.Contracts.Api;

/// <summary>The body of <c>GET /tasks/{task_id}</c>: where one task stands, as its saga records it.</summary>
public sealed record TaskDetails
{
    /// <summary>The platform's task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The wire status (<see cref="TaskStatuses"/>).</summary>
    public required string Status { get; init; }

    /// <summary>The saga's state name (<c>Queued</c>, <c>InProgress</c>, <c>Completed</c>, ...).</summary>
    public required string State { get; init; }

    /// <summary>The task type.</summary>
    public required string TaskType { get; init; }

    /// <summary>The platform's environment.</summary>
    public required string EnvironmentId { get; init; }

    /// <summary>The agent that runs or ran the task.</summary>
    public string? AgentId { get; init; }

    /// <summary>Attempts started so far (1 on the first run).</summary>
    public int Attempts { get; init; }

    /// <summary>The retry budget.</summary>
    public int MaxRetries { get; init; }

    /// <summary>Seconds one attempt may take.</summary>
    public int TimeoutSeconds { get; init; }

    /// <summary>The task's priority.</summary>
    public required string Priority { get; init; }

    /// <summary>0 to 100.</summary>
    public int ProgressPercentage { get; init; }

    /// <summary>What the task is doing now.</summary>
    public string? CurrentStep { get; init; }

    /// <summary>When the engine received the task.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the current or last attempt started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the task reached a final state.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>When the row last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The result of a completed task.</summary>
    public JsonObject? OutputData { get; init; }

    /// <summary>Tokens, model and cost of a completed task.</summary>
    public TaskResultMetadata? Metadata { get; init; }

    /// <summary>Prompt tokens the provider reported for the successful attempt, apart from <see cref="OutputTokens"/>.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Completion tokens the provider reported for the successful attempt.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>Tool calls (MCP tools) the model made in the successful attempt; 0 when it called none.</summary>
    public int? ToolCalls { get; init; }

    /// <summary>The successful attempt's tool calls per tool name, e.g. <c>{"lookup_fact": 2}</c>; null when it called none.</summary>
    public JsonObject? ToolCallsByName { get; init; }

    /// <summary>The failure of a failed task.</summary>
    public TaskFailedData? Error { get; init; }

    /// <summary>When the final result was published on Redis; null while it is not yet.</summary>
    public DateTimeOffset? ResultPublishedAt { get; init; }
}
