using Microsoft.Extensions.Configuration;

namespace Maas.Engine.Agents.Registry;

/// <summary>The agents this instance runs and how their health is watched.</summary>
public sealed class AgentsOptions
{
    /// <summary>The configured agents (the <c>agents</c> section; the property's own name binds it); none: one stock agent per task type on <c>AI_PROVIDER</c>.</summary>
    /// <remarks>No key-name attribute: the settings check reads attributed properties as single values, and a section has none.</remarks>
    public List<AgentSettings> Agents { get; set; } = [];

    /// <summary>A JSON file added as a configuration source, so its <c>agents</c> (and <c>mcp_servers</c>) sections count as configuration.</summary>
    [ConfigurationKeyName("AGENTS_FILE")]
    public string? File { get; set; }

    /// <summary>Seconds between probes of each provider's model listing (free: never a completion).</summary>
    [ConfigurationKeyName("AGENT_HEALTH_PROBE_SECONDS")]
    public double ProbeIntervalSeconds { get; set; } = 30;

    /// <summary>How long an agent whose provider failed three calls in a row is left out before one call tries it again.</summary>
    [ConfigurationKeyName("AGENT_FAILURE_COOLDOWN_SECONDS")]
    public double FailureCooldownSeconds { get; set; } = 30;

    /// <summary>How a settings-check line names an entry: its position, and its id when it has one.</summary>
    public static string Entry(int index, AgentSettings agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return string.IsNullOrWhiteSpace(agent.AgentId) ? $"agents[{index}]" : $"agents[{index}] ({agent.AgentId})";
    }
}
