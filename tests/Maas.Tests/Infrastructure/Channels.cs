namespace Maas.Tests.Infrastructure;

/// <summary>The channel names one engine under test uses; unique per test unless a test asks for the platform's own.</summary>
public sealed record Channels(string Tasks, string Results, string Status)
{
    /// <summary>The names the platform's code really uses.</summary>
    public static Channels Platform { get; } = new("maas:task_requests", "maas:task_results", "maas:task_status");

    public static Channels Unique()
    {
        var prefix = $"test-{Guid.NewGuid():N}:";
        return new Channels(prefix + "task_requests", prefix + "task_results", prefix + "task_status");
    }
}
