namespace Maas.Engine.Agents.Kinds;

/// <summary>The <c>output_data</c> of a <c>code_generation</c> task (the seed's shape).</summary>
/// <param name="Code">The generated source, never empty.</param>
/// <param name="Language">The language of <paramref name="Code"/>; the requested one when the task named one.</param>
/// <param name="FileName">A conventional file name for the source.</param>
/// <param name="Explanation">What the code does, for people.</param>
/// <param name="Dependencies">Packages the code needs.</param>
/// <param name="TestCases">Inputs with the output the program should give.</param>
public sealed record CodeGenerationOutput(
    string Code,
    string Language,
    string FileName,
    string Explanation,
    IReadOnlyList<string> Dependencies,
    IReadOnlyList<CodeTestCase> TestCases);
