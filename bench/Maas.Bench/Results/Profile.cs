namespace Maas.Bench.Results;

/// <summary>Where the engine's CPU went in a profiled run: dotnet-trace's top methods and dotnet-counters' averages.</summary>
public sealed record Profile(string Run, double Seconds, string TopExclusive, string TopInclusive, IReadOnlyList<CounterMean> Counters);
