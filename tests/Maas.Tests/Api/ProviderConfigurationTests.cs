using Maas.Tests.Infrastructure;
using Maas.Tests.Infrastructure.Providers;

namespace Maas.Tests.Api;

/// <summary>A wrong provider setting stops the engine at start-up naming the variable; a provider that is down does not.</summary>
public sealed class ProviderConfigurationTests : WireTest
{
    [Theory]
    [InlineData("OPENAI_MODEL", null)]
    [InlineData("OPENAI_BASE_URL", "api.openai.com/v1")]
    [InlineData("OPENAI_STRUCTURED_OUTPUT", "xml")]
    public void A_bad_openai_setting_stops_start_up_naming_the_variable(string variable, string? value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = "postgresql://postgres@127.0.0.1:1/never_opened",
            ["REDIS_URL"] = "redis://127.0.0.1:1/0",
            ["AI_PROVIDER"] = "openai",
            ["OPENAI_MODEL"] = "gpt-4o-mini",
            [variable] = value,
        };
        using var engine = EngineApp.Create(settings);

        var error = Assert.ThrowsAny<Exception>(() => engine.Services);

        Assert.Contains(variable, Flatten(error), StringComparison.Ordinal);
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

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
