using System.Text.Json.Nodes;

namespace Maas.Engine.Agents;

/// <summary>What an agent produced: the task's <c>output_data</c> and what it cost.</summary>
public sealed record AgentResult(JsonObject Output, long? TokensUsed, string? ModelUsed, decimal? CostEstimate);
