using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Maas.Engine.Agents;

/// <summary>
/// Prices a task's usage from <c>MODEL_PRICES</c>. A model without a price gets no figure rather than an invented
/// one, and one warning per model, so a missing price is noticed without flooding the log.
/// </summary>
public sealed partial class CostEstimator(ModelPrices prices, ILogger<CostEstimator> logger)
{
    private readonly ConcurrentDictionary<string, bool> _unpriced = new(StringComparer.OrdinalIgnoreCase);

    public decimal? Estimate(string model, long? inputTokens, long? outputTokens)
    {
        var cost = prices.Estimate(model, inputTokens, outputTokens);
        if (cost is null && prices.Find(model) is null && _unpriced.TryAdd(model, true))
        {
            LogUnpriced(model);
        }

        return cost;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model} has no price in MODEL_PRICES; its tasks report no cost_estimate")]
    private partial void LogUnpriced(string model);
}
