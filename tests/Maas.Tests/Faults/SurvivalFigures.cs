using System.Globalization;

namespace Maas.Tests.Faults;

/// <summary>
/// One row of the README's "What the engine survives" table. Lost and re-executed come from the saga rows (a task
/// not final with its result marked published is lost; attempts beyond the planned ones are re-executions, also
/// counted from the attempt starts heard on the wire, whichever is higher); doubled and harmed come from the wire (more
/// than one final result heard; a valid task answered <c>task_failed</c>).
/// </summary>
internal sealed record SurvivalFigures(string Scenario, int Tasks, int Lost, int Doubled, int ReExecuted, int Harmed, double Seconds, string Notes)
{
    public const string Header = "| scenario | valid tasks | lost | doubled | re-executed | harmed | seconds | notes |\n|---|---|---|---|---|---|---|---|";

    public string ToMarkdown() => string.Create(CultureInfo.InvariantCulture,
        $"| {Scenario} | {Tasks:N0} | {Lost} | {Doubled} | {ReExecuted} | {Harmed} | {Seconds:0.0} | {Notes} |");
}
