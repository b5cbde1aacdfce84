namespace Maas.Bench.Results;

/// <summary>A runtime or library counter's mean over a profiled run, as dotnet-counters names it.</summary>
public sealed record CounterMean(string Provider, string Name, double Mean);
