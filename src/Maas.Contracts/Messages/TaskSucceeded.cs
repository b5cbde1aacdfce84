namespace Maas.Contracts.Messages;

/// <summary>Event: an attempt finished with a result.</summary>
public sealed record TaskSucceeded
{
    /// <summary>The platform's task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The attempt that produced the result; a result of an older attempt is dropped.</summary>
    public required int Attempt { get; init; }

    /// <summary>The task's <c>output_data</c> as JSON text.</summary>
    public required string OutputData { get; init; }

    /// <summary>Input plus output tokens, summed over every model call of the attempt.</summary>
    public long? TokensUsed { get; init; }

    /// <summary>Prompt tokens the provider reported, summed over every model call of the attempt.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Completion tokens the provider reported, summed over every model call of the attempt.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>The model that answered.</summary>
    public string? ModelUsed { get; init; }

    /// <summary>Estimated cost in US dollars.</summary>
    public decimal? CostEstimate { get; init; }

    /// <summary>Tool calls the model made (and were answered) over the attempt's model calls.</summary>
    public int ToolCalls { get; init; }

    /// <summary>The attempt's tool calls per tool name, as a JSON object (<c>{"lookup_fact":2}</c>); null when none.</summary>
    public string? ToolCallsByName { get; init; }

    /// <summary>When the attempt finished.</summary>
    public required DateTimeOffset FinishedAt { get; init; }
}
