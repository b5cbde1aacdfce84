using System.Text.Json.Nodes;
using Maas.Engine.Agents.Kinds;

namespace Maas.Engine.AI.Offline;

/// <summary>Answers <c>code_generation</c> tasks with a hello-world program or a starter placeholder.</summary>
internal static class CodeGenerationTask
{
    private const int MaxSlugLength = 40;
    private const string HelloWorldOutput = "Hello, World!";

    /// <summary>Builds the output record: code, language, file_name, explanation, dependencies, test_cases.</summary>
    public static CodeGenerationOutput Run(JsonObject input)
    {
        var description = SourceText.SingleLine(JsonInput.GetText(input, "description"));
        var requested = JsonInput.GetText(input, "language");
        var languageName = string.IsNullOrWhiteSpace(requested) ? CodeLanguages.DefaultId : requested.Trim();
        var language = CodeLanguages.Find(languageName);
        if (language is null)
        {
            return PlainTextOutline(languageName, description);
        }

        return IsHelloWorld(description)
            ? HelloWorld(language)
            : Starter(language, description, JsonInput.GetText(input, "framework"), JsonInput.GetTexts(input, "requirements"));
    }

    private static bool IsHelloWorld(string description) =>
        description.Contains("hello world", StringComparison.OrdinalIgnoreCase)
        || description.Contains("hello, world", StringComparison.OrdinalIgnoreCase);

    private static CodeGenerationOutput HelloWorld(CodeLanguage language)
    {
        var (fileName, code) = HelloWorldPrograms.For(language);
        return Output(
            Normalize(language, code),
            language.Id,
            fileName,
            $"A simple {language.DisplayName} program that prints '{HelloWorldOutput}' to the console.",
            [],
            HelloWorldOutput);
    }

    private static CodeGenerationOutput Starter(CodeLanguage language, string description, string? framework, IReadOnlyList<string> requirements)
    {
        var safeDescription = SourceText.CodeSafe(description, "Untitled task");
        var slug = SourceText.Slug(description, MaxSlugLength, "program");
        var typeName = SourceText.PascalCase(slug);
        var message = "TODO: " + safeDescription;
        List<string> notes = [safeDescription, string.Empty, "Offline placeholder generated without an AI model."];
        notes.AddRange(requirements.Select(requirement => "Requirement: " + SourceText.CodeSafe(requirement, "unspecified")));

        string[] dependencies = string.IsNullOrWhiteSpace(framework) ? [] : [framework.Trim()];
        return Output(
            Normalize(language, StarterPrograms.Compose(language, typeName, notes, message)),
            language.Id,
            (language.PascalCaseFiles ? typeName : slug) + language.Extension,
            $"Offline placeholder: a {language.DisplayName} starter program for \"{description}\" generated without an AI model; "
                + "it only prints a TODO line, so replace it with a real implementation.",
            dependencies,
            message);
    }

    private static CodeGenerationOutput PlainTextOutline(string languageName, string description)
    {
        var safeDescription = SourceText.CodeSafe(description, "Untitled task");
        var safeLanguage = SourceText.CodeSafe(languageName, "unknown");
        var code = $"# {safeDescription}\n#\n# Offline placeholder: no template exists for language {safeLanguage}.\n# TODO: {safeDescription}";
        return Output(
            code,
            languageName,
            SourceText.Slug(description, MaxSlugLength, "program") + ".txt",
            $"Offline placeholder: no {SourceText.SingleLine(languageName)} template exists, so a plain-text outline was generated without an AI model.",
            [],
            null);
    }

    private static string Normalize(CodeLanguage language, string code)
    {
        var normalized = code.ReplaceLineEndings("\n");

        // gofmt indents with tabs, and Go developers expect generated code to already be gofmt-clean.
        return language.Id == "go" ? normalized.Replace("\n    ", "\n\t", StringComparison.Ordinal) : normalized;
    }

    private static CodeGenerationOutput Output(string code, string language, string fileName, string explanation, IReadOnlyList<string> dependencies, string? expectedOutput) =>
        new(code, language, fileName, explanation, dependencies, expectedOutput is null ? [] : [new CodeTestCase(string.Empty, expectedOutput)]);
}
