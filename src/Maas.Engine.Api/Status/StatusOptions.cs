namespace Maas.Engine.Api.Status;

/// <summary>
/// How the engine reports itself on Redis. <c>AGENT_HEARTBEAT_INTERVAL</c> (in <see cref="EngineOptions"/>) paces the
/// agent reports as it paces the running tasks' progress; the channels are the bridge's settings.
/// </summary>
public sealed class StatusOptions
{
    /// <summary>Seconds between two <c>system_status</c> of this instance (besides those sent when its health changes or a <c>health_check</c> asks).</summary>
    [ConfigurationKeyName("SYSTEM_STATUS_INTERVAL")]
    public int SystemStatusIntervalSeconds { get; set; } = 60;

    /// <summary>
    /// <c>on</c> adds an <c>agent_heartbeat</c> per agent to each periodic <c>agent_status</c>; <c>off</c> (the default)
    /// sends none, since the platform's client has no type for it and logs each one as an error.
    /// </summary>
    [ConfigurationKeyName("AGENT_HEARTBEAT_MESSAGES")]
    public string AgentHeartbeatMessages { get; set; } = Off;

    /// <summary>The value of <see cref="AgentHeartbeatMessages"/> that sends heartbeats.</summary>
    public const string On = "on";

    /// <summary>The value of <see cref="AgentHeartbeatMessages"/> that sends none.</summary>
    public const string Off = "off";

    /// <summary>Whether <c>agent_heartbeat</c> messages are sent.</summary>
    public bool SendsAgentHeartbeats => AgentHeartbeatMessages.Equals(On, StringComparison.OrdinalIgnoreCase);

    /// <summary>The longest <see cref="SystemStatusIntervalSeconds"/> allowed: one day.</summary>
    public const int MaxIntervalSeconds = 86_400;
}
