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

    public void End(DateTimeOffset now)
    {
        Interlocked.Decrement(ref _running);
        Interlocked.Exchange(ref _lastActivityTicks, now.UtcTicks);
    }
}
