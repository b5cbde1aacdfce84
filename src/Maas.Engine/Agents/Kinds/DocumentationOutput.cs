namespace Maas.Engine.Agents.Kinds;

/// <summary>The <c>output_data</c> of a <c>documentation</c> task.</summary>
/// <param name="Content">The document in Markdown, never empty.</param>
/// <param name="Format">Always <c>markdown</c>.</param>
/// <param name="Sections">The document's section headings, in order.</param>
public sealed record DocumentationOutput(string Content, string Format, IReadOnlyList<string> Sections);
