namespace Maas.Bench.Results;

/// <summary>Everything one run of the suite measured; the report and the chart are written from it alone.</summary>
public sealed record SuiteResult(
    string Command,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    MachineFacts Machine,
    IReadOnlyList<CeilingResult> Ceilings,
    IReadOnlyList<string> CeilingTableIndexes,
    IReadOnlyList<double> WarmupRates,
    IReadOnlyList<RunResult> Sweep,
    IReadOnlyList<RunResult> Scale,
    IReadOnlyList<RunResult> InFlight,
    Profile? Profile,
    IReadOnlyList<string> Problems);
