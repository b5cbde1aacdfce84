namespace Maas.Engine.Agents.Kinds;

/// <summary>A model's answer read against its task kind: the output to store, or why it cannot be stored.</summary>
/// <param name="OutputJson">The answer as the output record's JSON, null when it is invalid.</param>
/// <param name="Errors">What is wrong with the answer, empty when it is valid.</param>
public sealed record OutputCheck(string? OutputJson, IReadOnlyList<string> Errors)
{
    public bool IsValid => OutputJson is not null;

    public static OutputCheck Valid(string outputJson) => new(outputJson, []);

    public static OutputCheck Invalid(IReadOnlyList<string> errors) => new(null, errors);
}
