using System.Text.Json.Nodes;
using Maas.Contracts.Wire;

namespace Maas.Contracts.Api;

/// <summary>The answer of <c>POST /agents/{agent_id}/execute</c>: what <c>task_completed</c>'s data would carry. No saga is involved.</summary>
public sealed record AgentExecuteResponse
{
    /// <summary>The agent that ran it.</summary>
    public required string AgentId { get; init; }

    /// <summary>The task type.</summary>
    public required string TaskType { get; init; }

    /// <summary>Always <c>COMPLETED</c> (failures answer with a problem body).</summary>
    public required string Status { get; init; }

    /// <summary>Seconds the agent took.</summary>
    public required double ExecutionTimeSeconds { get; init; }

    /// <summary>The result.</summary>
    public required JsonObject OutputData { get; init; }

    /// <summary>Tokens, model and cost.</summary>
    public required TaskResultMetadata Metadata { get; init; }
}
