namespace Maas.RedisBridge.Inbound;

/// <summary>
/// The longest text each request field may hold, in characters (Unicode code points), as the saga table's columns
/// have them (<c>EngineDbContext</c>): a longer value is refused when the request is read, never by the database.
/// </summary>
internal static class RequestLimits
{
    public const int TaskId = 512;
    public const int TaskType = 128;
    public const int EnvironmentId = 256;
    public const int AgentId = 256;

    /// <summary>Whether <paramref name="text"/> has more than <paramref name="limit"/> code points (a surrogate pair is one, as in PostgreSQL).</summary>
    public static bool Exceeds(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return false;
        }

        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            if (++count > limit)
            {
                return true;
            }
        }

        return false;
    }
}
