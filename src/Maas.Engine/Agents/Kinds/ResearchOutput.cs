namespace Maas.Engine.Agents.Kinds;

/// <summary>The <c>output_data</c> of a <c>research</c> task.</summary>
/// <param name="Summary">The answer in a few sentences, never empty.</param>
/// <param name="Findings">The points that support it.</param>
/// <param name="Sources">Where the findings come from.</param>
/// <param name="Confidence">How sure the model is, from 0 to 1.</param>
public sealed record ResearchOutput(
    string Summary,
    IReadOnlyList<string> Findings,
    IReadOnlyList<ResearchSource> Sources,
    double Confidence);
