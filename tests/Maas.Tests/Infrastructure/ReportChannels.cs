namespace Maas.Tests.Infrastructure;

/// <summary>The agent, system and health channel names of one engine under test: unique per test, as <see cref="Channels"/>.</summary>
public sealed record ReportChannels(string Agent, string System, string Health)
{
    public static ReportChannels Unique()
    {
        var prefix = $"test-{Guid.NewGuid():N}:";
        return new ReportChannels(prefix + "agent_status", prefix + "system_status", prefix + "health_check");
    }

    /// <summary>The engine's settings naming these channels, plus <paramref name="more"/>.</summary>
    public Dictionary<string, string?> Settings(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["REDIS_AGENT_CHANNEL"] = Agent,
            ["REDIS_SYSTEM_CHANNEL"] = System,
            ["REDIS_HEALTH_CHANNEL"] = Health,
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
