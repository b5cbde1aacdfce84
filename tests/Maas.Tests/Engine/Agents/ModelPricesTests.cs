using Maas.Engine.Agents;

namespace Maas.Tests.Engine.Agents;

/// <summary><c>MODEL_PRICES</c>: how it is read, and how a model id finds its price.</summary>
public sealed class ModelPricesTests
{
    private const string Prices = "gpt-4o=2.5/10, gpt-4o-mini=0.15/0.60,claude-sonnet-4-5=3/15";

    [Fact]
    public void Prices_input_and_output_tokens_apart_per_million()
    {
        var prices = ModelPrices.Parse(Prices);

        Assert.Equal(((1_000m * 0.15m) + (500m * 0.60m)) / 1_000_000m, prices.Estimate("gpt-4o-mini", 1_000, 500));
        Assert.Equal(0.000450m, prices.Estimate("gpt-4o-mini", 1_000, 500));
        Assert.Equal(3m + 15m, prices.Estimate("claude-sonnet-4-5", 1_000_000, 1_000_000));
    }

    [Theory]
    [InlineData("gpt-4o-mini-2024-07-18", 0.15, 0.60)]
    [InlineData("gpt-4o-2024-08-06", 2.5, 10)]
    [InlineData("GPT-4O-MINI", 0.15, 0.60)]
    [InlineData("claude-sonnet-4-5-20250929", 3, 15)]
    public void Finds_a_dated_model_id_by_its_longest_listed_prefix(string model, double input, double output)
    {
        var price = ModelPrices.Parse(Prices).Find(model);

        Assert.Equal(new ModelPrices.ModelPrice((decimal)input, (decimal)output), price);
    }

    [Fact]
    public void Knows_offline_costs_nothing_without_being_told()
    {
        Assert.Equal(0m, ModelPrices.Parse("").Estimate("offline", 120, 80));
    }

    [Theory]
    [InlineData("llama3.1:8b")]
    [InlineData("gpt-4")]
    [InlineData("o")]
    public void Gives_no_cost_for_a_model_without_a_price(string model)
    {
        Assert.Null(ModelPrices.Parse(Prices).Estimate(model, 10, 10));
    }

    [Fact]
    public void Gives_no_cost_when_the_provider_reported_no_usage()
    {
        Assert.Null(ModelPrices.Parse(Prices).Estimate("gpt-4o-mini", null, null));
    }

    [Theory]
    [InlineData("gpt-4o-mini")]
    [InlineData("gpt-4o-mini=0.15")]
    [InlineData("gpt-4o-mini=cheap/0.60")]
    [InlineData("=0.15/0.60")]
    [InlineData("gpt-4o-mini=-1/0.60")]
    [InlineData("gpt-4o-mini=0.15/0.60/1")]
    public void Refuses_a_malformed_entry_naming_the_variable_and_the_entry(string text)
    {
        Assert.Null(ModelPrices.TryParse(text, out var error));
        Assert.StartsWith($"MODEL_PRICES entry '{text}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_an_empty_setting_and_stray_commas()
    {
        Assert.NotNull(ModelPrices.TryParse(" , gpt-4o-mini=0.15/0.60 ,", out var error));
        Assert.Null(error);
    }
}
