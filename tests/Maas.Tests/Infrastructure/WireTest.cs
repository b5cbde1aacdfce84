namespace Maas.Tests.Infrastructure;

/// <summary>
/// A test that plays the platform against real engines: a database and channel names of its own (so tests run in
/// parallel), and a listener on the result and status channels, subscribed before any engine starts.
/// </summary>
public abstract class WireTest : IAsyncLifetime
{
    protected TestDatabase Database { get; } = TestDatabase.Named();

    protected virtual Channels Channels { get; } = Channels.Unique();

    protected RedisListener Platform { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Platform = await RedisListener.Listen(Channels);

    public virtual async Task DisposeAsync()
    {
        await Platform.DisposeAsync();
        await Database.DisposeAsync();
    }
}
