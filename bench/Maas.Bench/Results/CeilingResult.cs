using Maas.Bench.Measure;

namespace Maas.Bench.Results;

/// <summary>One ceiling: a rate of the servers alone, with the machine's CPU split while it ran.</summary>
public sealed record CeilingResult(string Name, string Unit, double Rate, CpuSplit Cpu, string LoadBefore, string LoadAfter, int Repeats = 0);
