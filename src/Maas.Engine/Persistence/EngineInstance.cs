namespace Maas.Engine.Persistence;

/// <summary>One running engine instance's heartbeat; an instance silent past the TTL is presumed dead and its tasks are taken over.</summary>
public sealed class EngineInstance
{
    public string InstanceId { get; set; } = null!;

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }
}
