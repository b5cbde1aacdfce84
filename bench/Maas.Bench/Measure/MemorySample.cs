namespace Maas.Bench.Measure;

/// <summary>The engine's resident memory <paramref name="Seconds"/> into a run, with the tasks finished and running then.</summary>
public sealed record MemorySample(double Seconds, long RssKb, int Finished, int InFlight);
