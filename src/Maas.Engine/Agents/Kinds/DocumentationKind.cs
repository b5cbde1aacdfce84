using System.Text.Json.Nodes;
using Maas.Contracts.Wire;

namespace Maas.Engine.Agents.Kinds;

/// <summary><c>documentation</c>: a Markdown document and its section headings.</summary>
public sealed class DocumentationKind() : TaskKind<DocumentationOutput>(
    "documentation",
    "Write the documentation that the task's input_data describes (description, and when given title, code or content). Put "
    + "the whole document in Markdown in content, \"markdown\" in format, and the document's section headings, in order, in sections.")
{
    /// <summary>The only format the engine produces.</summary>
    public const string Markdown = "markdown";

    public override IReadOnlyList<ValidationError> ValidateInput(JsonObject input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<ValidationError>();
        InputRules.RequireText(input, "description", errors);
        return errors;
    }

    protected override void Check(DocumentationOutput output, JsonObject input, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        RequireText(output.Content, "content", errors);
        RequireNoNulls(output.Sections, "sections", errors);
        if (output.Format != Markdown)
        {
            errors.Add($"format must be \"{Markdown}\", not \"{output.Format}\".");
        }
    }
}
