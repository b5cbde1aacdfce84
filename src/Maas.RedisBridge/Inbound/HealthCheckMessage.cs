namespace Maas.RedisBridge.Inbound;

/// <summary>What one message on the health channel turned out to be.</summary>
internal abstract record HealthCheckMessage
{
    private HealthCheckMessage()
    {
    }

    /// <summary>A <c>health_check</c> from someone else: publish this instance's <c>system_status</c> now.</summary>
    internal sealed record Request(string? Source, string? MessageId) : HealthCheckMessage;

    /// <summary>A well-formed message that asks nothing of us (the engine's own echo, another message type).</summary>
    internal sealed record Ignored(string Reason) : HealthCheckMessage;

    /// <summary>Not a message at all (not JSON, not an object, no <c>message_type</c>): logged, never answered.</summary>
    internal sealed record Malformed(string Reason) : HealthCheckMessage;
}
