namespace Maas.Tests.Api.Logging;

/// <summary>One engine logging JSON at INFO for the tests of a class; each test uses tasks of its own.</summary>
public sealed class JsonEngineFixture : IAsyncLifetime
{
    public LoggingEngine Engine { get; private set; } = null!;

    public async Task InitializeAsync() => Engine = await LoggingEngine.Start("json", "INFO");

    public async Task DisposeAsync() => await Engine.DisposeAsync();
}
