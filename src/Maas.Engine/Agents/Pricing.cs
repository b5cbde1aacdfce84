namespace Maas.Engine.Agents;

/// <summary>Cost estimates per model: only models with a known price get one, so no figure is ever invented.</summary>
public static class Pricing
{
    public static decimal? Estimate(string? model) => model == "offline" ? 0m : null;
}
