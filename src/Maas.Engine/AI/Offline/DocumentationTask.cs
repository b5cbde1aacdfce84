using System.Text.Json.Nodes;

namespace Maas.Engine.AI.Offline;

/// <summary>Answers <c>documentation</c> tasks with a Markdown outline to fill in.</summary>
internal static class DocumentationTask
{
    /// <summary>Builds the output object: content, format.</summary>
    public static JsonObject Run(JsonObject input)
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

            ## Overview

            {(overview.Length == 0 ? title : overview)}

            ## Usage

            TODO: describe how to use {title}.
            """;
        return new JsonObject
        {
            ["content"] = content.ReplaceLineEndings("\n"),
            ["format"] = "markdown",
        };
    }
}
