namespace Maas.Tests.Faults;

/// <summary>
/// The fault scenarios run one at a time (they kill processes and restart servers, and their figures would be
/// meaningless on a machine busy with other tests) on servers of their own; the rest of the suite runs in parallel,
/// before them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultSuite : ICollectionFixture<FaultServers>
{
    public const string Name = "Faults";
}
