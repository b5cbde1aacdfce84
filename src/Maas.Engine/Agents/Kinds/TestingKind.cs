using System.Text.Json.Nodes;
using Maas.Contracts.Wire;

namespace Maas.Engine.Agents.Kinds;

/// <summary><c>testing</c>: a test suite for the code or behaviour the task describes, and how to run it.</summary>
public sealed class TestingKind() : TaskKind<TestingOutput>(
    "testing",
    "Write tests for what the task's input_data describes (description, and when given code, language and framework). Put the "
    + "complete test source in test_code, the test framework in framework, its language in language (the requested language "
    + "when input_data.language is given), a conventional file name in file_name, each test's name and what it checks in "
    + "test_cases, and the shell command that runs the tests in run_command.")
{
    public override IReadOnlyList<ValidationError> ValidateInput(JsonObject input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<ValidationError>();
        InputRules.RequireText(input, "description", errors);
        InputRules.OptionalText(input, "language", errors);
        InputRules.OptionalText(input, "framework", errors);
        InputRules.OptionalText(input, "code", errors);
        return errors;
    }

    protected override void Check(TestingOutput output, JsonObject input, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        RequireText(output.TestCode, "test_code", errors);
        RequireText(output.Framework, "framework", errors);
        RequireText(output.Language, "language", errors);
        RequireText(output.FileName, "file_name", errors);
        RequireText(output.RunCommand, "run_command", errors);
        RequireNoNulls(output.TestCases, "test_cases", errors);
        RequireLanguage(input, output.Language, errors);
    }
}
