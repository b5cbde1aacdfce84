using Maas.Tests.Infrastructure;

namespace Maas.Tests.Api;

/// <summary>A wrong setting stops the engine at start-up with a message naming the variable.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("DATABASE_URL", "mysql://root@localhost/maas")]
    [InlineData("REDIS_URL", "localhost:6379")]
    [InlineData("MAX_CONCURRENT_TASKS", "0")]
    [InlineData("TASK_TIMEOUT_SECONDS", "-5")]
    [InlineData("AI_ENGINE_PORT", "eighty")]
    [InlineData("LOG_LEVEL", "LOUD")]
    [InlineData("AI_PROVIDER", "telepathy")]
    public void A_bad_value_stops_start_up_naming_the_variable(string variable, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = "postgresql://postgres@127.0.0.1:1/never_opened",
            ["REDIS_URL"] = "redis://127.0.0.1:1/0",
            [variable] = value,
        };
        using var engine = EngineApp.Create(settings);

        var error = Assert.ThrowsAny<Exception>(() => engine.Services);

        Assert.Contains(variable, Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
