namespace Maas.Engine.Agents;

/// <summary>How busy one agent is on this instance, for the agent listing and for choosing.</summary>
public sealed class AgentActivity
{
    private int _running;
    private long _lastActivityTicks;

    public int Running => Volatile.Read(ref _running);

    public DateTimeOffset? LastActivity
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastActivityTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void Begin(DateTimeOffset now)
    {
        Interlocked.Increment(ref _running);
        Interlocked.Exchange(ref _lastActivityTicks, now.UtcTicks);
    }

    /// <summary>Takes one of the agent's <paramref name="limit"/> slots; false when all are taken. Workers and direct calls race for slots, so never more than the limit run.</summary>
    public bool TryBegin(int limit, DateTimeOffset now)
    {
        var running = Volatile.Read(ref _running);
        while (running < limit)
        {
            var seen = Interlocked.CompareExchange(ref _running, running + 1, running);
            if (seen == running)
            {
                Interlocked.Exchange(ref _lastActivityTicks, now.UtcTicks);
                return true;
            }

            running = seen;
        }

        return false;
    }

    public void End(DateTimeOffset now)
    {
        Interlocked.Decrement(ref _running);
        Interlocked.Exchange(ref _lastActivityTicks, now.UtcTicks);
    }
}
