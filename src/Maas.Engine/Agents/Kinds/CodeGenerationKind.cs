using System.Text.Json.Nodes;
using Maas.Contracts.Wire;

namespace Maas.Engine.Agents.Kinds;

/// <summary><c>code_generation</c>: a program from a description, in the requested language.</summary>
public sealed class CodeGenerationKind() : TaskKind<CodeGenerationOutput>(
    "code_generation",
    "Write the program that the task's input_data describes (description, and when given language, framework and requirements). "
    + "Put the complete source in code, its language in language (the requested language when input_data.language is given), "
    + "a conventional file name in file_name, a short explanation of how it works in explanation, the packages it needs in "
    + "dependencies, and a few test_cases, each an input and the output the program should give for it.")
{
    public override IReadOnlyList<ValidationError> ValidateInput(JsonObject input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<ValidationError>();
        InputRules.RequireText(input, "description", errors);
        InputRules.OptionalText(input, "language", errors);
        InputRules.OptionalText(input, "framework", errors);
        InputRules.OptionalArray(input, "requirements", errors);
        return errors;
    }

    protected override void Check(CodeGenerationOutput output, JsonObject input, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        RequireText(output.Code, "code", errors);
        RequireText(output.Language, "language", errors);
        RequireText(output.FileName, "file_name", errors);
        RequireNoNulls(output.Dependencies, "dependencies", errors);
        RequireNoNulls(output.TestCases, "test_cases", errors);
        RequireLanguage(input, output.Language, errors);
    }
}
