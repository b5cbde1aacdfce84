namespace Maas.Tests.Engine.AI.Offline;

/// <summary>A clock frozen at one instant, so CreatedAt can be asserted exactly.</summary>
public sealed class FixedTimeProvider : TimeProvider
{
    private readonly DateTimeOffset _now;

    /// <summary>Initializes a new instance of the <see cref="FixedTimeProvider"/> class.</summary>
    /// <param name="now">The instant every call to <see cref="GetUtcNow"/> returns.</param>
    public FixedTimeProvider(DateTimeOffset now) => _now = now;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _now;
}
