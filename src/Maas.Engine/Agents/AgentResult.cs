namespace Maas.Engine.Agents;

/// <summary>What an agent produced: the task's <c>output_data</c> and what it cost over every model call it made.</summary>
/// <param name="OutputJson">The validated output record's JSON text.</param>
/// <param name="InputTokens">Prompt tokens the provider reported, summed over the calls; null when it reported none.</param>
/// <param name="OutputTokens">Completion tokens the provider reported, summed over the calls.</param>
/// <param name="TokensUsed">Total tokens the provider reported, summed over the calls.</param>
/// <param name="ModelUsed">The model that answered.</param>
/// <param name="CostEstimate">USD from <c>MODEL_PRICES</c>; null when the model has no price.</param>
public sealed record AgentResult(string OutputJson, long? InputTokens, long? OutputTokens, long? TokensUsed, string ModelUsed, decimal? CostEstimate)
{
    /// <summary>Tool calls the model made (and the pipeline answered) over the task's model calls.</summary>
    public int ToolCalls { get; init; }

    /// <summary>Calls per tool name as a JSON object; null when no tool was called.</summary>
    public string? ToolCallsByName { get; init; }
}
