namespace Maas.Contracts.Wire;

/// <summary>An agent's <c>status</c> on the agent channel and in <c>GET /agents</c>.</summary>
public static class AgentStatuses
{
    /// <summary>Healthy, with room for another task.</summary>
    public const string Active = "active";

    /// <summary>Healthy, running as many tasks as its limit allows.</summary>
    public const string Busy = "busy";

    /// <summary>Unhealthy (its provider does not answer, or it keeps failing): not chosen until it recovers.</summary>
    public const string Offline = "offline";
}
