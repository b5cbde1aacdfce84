namespace Maas.Tests.Infrastructure.Providers;

/// <summary>A test that plays the platform on the wire (see <see cref="WireTest"/>) against engines whose model is a scripted OpenAI-compatible server of its own.</summary>
public abstract class OpenAIWireTest : WireTest
{
    protected OpenAIServer Server { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Server = await OpenAIServer.Start();
    }

    public override async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await base.DisposeAsync();
    }
}
