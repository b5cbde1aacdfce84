using Maas.Tests.Infrastructure;
using Maas.Tests.Infrastructure.Providers;

namespace Maas.Tests.Api;

/// <summary>A wrong provider setting stops the engine at start-up naming the variable; a provider that is down does not.</summary>
public sealed class ProviderConfigurationTests : WireTest
{
    // On the real process, as ConfigurationTests explains: WebApplicationFactory can lose a start-up error to a disposed host.
    [Theory]
    [InlineData("OPENAI_MODEL", "", "OPENAI_MODEL ")]
    [InlineData("OPENAI_BASE_URL", "api.openai.com/v1", "OPENAI_BASE_URL ")]
    [InlineData("OPENAI_STRUCTURED_OUTPUT", "xml", "OPENAI_STRUCTURED_OUTPUT must be one of")]
    public async Task A_bad_openai_setting_stops_start_up_with_one_line_naming_the_variable(string variable, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = TestServers.DatabaseUrl,
            ["REDIS_URL"] = TestServers.RedisUrl,
            ["AI_PROVIDER"] = "openai",
            ["OPENAI_MODEL"] = "gpt-4o-mini",
            [variable] = value,
        };

        await using var engine = await EngineProcess.Run(settings);

        Assert.Equal(1, engine.ExitCode);
        var line = Assert.Single(engine.Lines);
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_provider_does_not_stop_start_up()
    {
        var server = await OpenAIServer.Start();
        var settings = server.Settings();
        await server.DisposeAsync();

        await using var engine = await EngineApp.Start(Database, Channels, settings);

        using var client = engine.CreateClient();
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"health answered {(int)response.StatusCode}");
    }
}
