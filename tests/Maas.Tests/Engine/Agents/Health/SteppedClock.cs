namespace Maas.Tests.Engine.Agents.Health;

/// <summary>A clock that moves only when a test moves it.</summary>
public sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
