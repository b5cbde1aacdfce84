using Maas.Engine.Api;
using Microsoft.Extensions.Options;

namespace Maas.Tests.Api;

/// <summary>A wrong host setting fails at start-up with a message naming its variable.</summary>
public sealed class EngineHostOptionsValidatorTests
{
    [Fact]
    public void Accepts_the_defaults()
    {
        Assert.True(Validate(new EngineHostOptions()).Succeeded);
    }

    [Theory]
    [InlineData("debug")]
    [InlineData("Warn")]
    [InlineData("CRITICAL")]
    public void Accepts_a_log_level_in_any_case(string level)
    {
        Assert.True(Validate(new EngineHostOptions { LogLevelName = level }).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(600)]
    public void Accepts_a_startup_retry_window_of_zero_or_more(double seconds)
    {
        Assert.True(Validate(new EngineHostOptions { StartupRetrySeconds = seconds }).Succeeded);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(86_401)]
    [InlineData(double.NaN)]
    public void Names_startup_retry_seconds_when_it_is_out_of_range(double seconds)
    {
        var failure = Assert.Single(Failures(new EngineHostOptions { StartupRetrySeconds = seconds }));

        Assert.StartsWith("STARTUP_RETRY_SECONDS must be between 0 and 86400", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_every_wrong_setting_at_once()
    {
        var failures = Failures(new EngineHostOptions { Host = "no such host!", Port = 0, LogLevelName = "LOUD", LogFormat = "xml", StartupRetrySeconds = -1 });

        Assert.Equal(["AI_ENGINE_HOST", "AI_ENGINE_PORT", "LOG_LEVEL", "LOG_FORMAT", "STARTUP_RETRY_SECONDS"], failures.Select(f => f.Split(' ')[0]));
    }

    private static ValidateOptionsResult Validate(EngineHostOptions options) => new EngineHostOptionsValidator().Validate(null, options);

    private static IEnumerable<string> Failures(EngineHostOptions options)
    {
        var result = Validate(options);
        Assert.True(result.Failed);
        return result.Failures!;
    }
}
