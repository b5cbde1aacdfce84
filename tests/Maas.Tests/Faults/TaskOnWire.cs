using System.Collections.Concurrent;

namespace Maas.Tests.Faults;

/// <summary>What the platform heard about one task: its final results, and how many attempts were announced as started.</summary>
internal sealed class TaskOnWire
{
    public ConcurrentQueue<FinalOnWire> Finals { get; } = new();

    /// <summary><c>IN_PROGRESS</c> messages that begin an attempt (<c>Running on agent ...</c>), not the heartbeats.</summary>
    public int Starts;
}
