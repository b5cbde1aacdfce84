namespace Maas.Engine.Agents.Kinds;

/// <summary>The <c>output_data</c> of a <c>testing</c> task.</summary>
/// <param name="TestCode">The test source, never empty.</param>
/// <param name="Framework">The test framework, e.g. <c>pytest</c>.</param>
/// <param name="Language">The language of <paramref name="TestCode"/>; the requested one when the task named one.</param>
/// <param name="FileName">A conventional file name for the tests.</param>
/// <param name="TestCases">What each test checks.</param>
/// <param name="RunCommand">The shell command that runs the tests.</param>
public sealed record TestingOutput(
    string TestCode,
    string Framework,
    string Language,
    string FileName,
    IReadOnlyList<TestCaseDescription> TestCases,
    string RunCommand);
