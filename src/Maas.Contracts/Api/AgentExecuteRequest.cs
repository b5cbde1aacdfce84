using System.Text.Json.Nodes;

namespace Maas.Contracts.Api;

/// <summary>The body of <c>POST /agents/{agent_id}/execute</c>: run one task on one agent directly, for testing.</summary>
public sealed record AgentExecuteRequest
{
    /// <summary>The task type, e.g. <c>code_generation</c>.</summary>
    public string? TaskType { get; init; }

    /// <summary>The task's input.</summary>
    public JsonObject? InputData { get; init; }
}
