using System.Text.Json.Nodes;
using Maas.Engine.Agents.Kinds;

namespace Maas.Engine.AI.Offline;

/// <summary>Answers <c>documentation</c> tasks with a Markdown outline to fill in.</summary>
internal static class DocumentationTask
{
    private static readonly string[] _sections = ["Overview", "Usage"];

    /// <summary>Builds the output record: content, format, sections.</summary>
    public static DocumentationOutput Run(JsonObject input)
    {
        var title = SourceText.SingleLine(JsonInput.GetFirstText(input, "title", "topic", "subject", "name", "description"));
        if (title.Length == 0)
        {
            title = "Documentation";
        }

        var overview = SourceText.SingleLine(JsonInput.GetFirstText(input, "description", "content", "code"));
        var content = $"""
            # {title}

            > Offline placeholder: generated without an AI model, so this page is an outline to complete.

            ## {_sections[0]}

            {(overview.Length == 0 ? title : overview)}

            ## {_sections[1]}

            TODO: describe how to use {title}.
            """;
        return new DocumentationOutput(content.ReplaceLineEndings("\n"), DocumentationKind.Markdown, _sections);
    }
}
