using System.Collections.Frozen;
using System.Globalization;

namespace Maas.Engine.Agents;

/// <summary>
/// <c>MODEL_PRICES</c>: input and output USD per million tokens per model, e.g.
/// <c>gpt-4o-mini=0.15/0.60,claude-sonnet-4-5=3/15</c>. A model is priced by the longest configured prefix of its id,
/// so a dated id (<c>gpt-4o-mini-2024-07-18</c>) finds its model's price. <c>offline</c> costs nothing, built in.
/// </summary>
public sealed class ModelPrices
{
    private const decimal PerMillion = 1_000_000m;

    private readonly FrozenDictionary<string, ModelPrice> _prices;
    private readonly int _longestPrefix;

    private ModelPrices(Dictionary<string, ModelPrice> prices)
    {
        _prices = prices.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _longestPrefix = prices.Count == 0 ? 0 : prices.Keys.Max(k => k.Length);
    }

    /// <summary>The price per million tokens of one model.</summary>
    public readonly record struct ModelPrice(decimal InputPerMillion, decimal OutputPerMillion);

    /// <summary>Reads <c>MODEL_PRICES</c>; null with <paramref name="error"/> set when the text is malformed.</summary>
    public static ModelPrices? TryParse(string? text, out string? error)
    {
        var prices = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase)
        {
            ["offline"] = new(0m, 0m),
        };
        error = null;
        foreach (var entry in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            var slash = entry.IndexOf('/', equals + 1);
            if (equals <= 0 || slash < 0
                || !TryPrice(entry[(equals + 1)..slash], out var input)
                || !TryPrice(entry[(slash + 1)..], out var output))
            {
                error = $"MODEL_PRICES entry '{entry}' is not model=input/output (USD per million tokens, e.g. gpt-4o-mini=0.15/0.60).";
                return null;
            }

            prices[entry[..equals].Trim()] = new ModelPrice(input, output);
        }

        return new ModelPrices(prices);
    }

    /// <summary>Reads <c>MODEL_PRICES</c>, which start-up validation has already checked.</summary>
    public static ModelPrices Parse(string? text) =>
        TryParse(text, out var error) ?? throw new FormatException(error);

    /// <summary>The price of <paramref name="model"/> by longest prefix, or null when no configured prefix matches.</summary>
    public ModelPrice? Find(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var lookup = _prices.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var length = Math.Min(model.Length, _longestPrefix); length > 0; length--)
        {
            if (lookup.TryGetValue(model.AsSpan(0, length), out var price))
            {
                return price;
            }
        }

        return null;
    }

    /// <summary>USD for the tokens, or null when the model has no price or no usage was reported.</summary>
    public decimal? Estimate(string model, long? inputTokens, long? outputTokens)
    {
        if (Find(model) is not { } price || (inputTokens is null && outputTokens is null))
        {
            return null;
        }

        // To the ten decimals the saga row keeps, so a result published again from its row carries the same figure.
        return Math.Round((((inputTokens ?? 0) * price.InputPerMillion) + ((outputTokens ?? 0) * price.OutputPerMillion)) / PerMillion, 10);
    }

    private static bool TryPrice(string text, out decimal price) =>
        decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out price);
}
