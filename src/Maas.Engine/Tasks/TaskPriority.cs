namespace Maas.Engine.Tasks;

/// <summary>The platform's priorities and their order in the work queue (lower runs first).</summary>
public static class TaskPriority
{
    public const string Urgent = "urgent";
    public const string High = "high";
    public const string Normal = "normal";
    public const string Low = "low";

    /// <summary>Known priorities in lower case; anything else (or nothing) is normal.</summary>
    public static string Normalize(string? priority) => priority?.Trim().ToLowerInvariant() switch
    {
        Urgent => Urgent,
        High => High,
        Low => Low,
        _ => Normal,
    };

    public static int Rank(string priority) => priority switch
    {
        Urgent => 0,
        High => 1,
        Normal => 2,
        _ => 3,
    };

    public static bool IsKnown(string? priority) => priority?.Trim().ToLowerInvariant() is Urgent or High or Normal or Low;
}
