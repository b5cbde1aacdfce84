using Maas.Engine.Api.Security;
using Microsoft.Extensions.Options;

namespace Maas.Tests.Api.Security;

/// <summary>Wrong access settings are refused at start-up, one line each naming the variable, never showing a key.</summary>
public sealed class ApiAccessOptionsValidatorTests
{
    [Fact]
    public void Accepts_the_defaults_an_open_api_with_a_limit_of_60_and_1_mib()
    {
        var defaults = new ApiAccessOptions();

        Assert.True(Validate(defaults).Succeeded);
        Assert.Empty(defaults.Keys);
        Assert.Equal(60, defaults.ExecuteRateLimitPerMinute);
        Assert.Equal(1024 * 1024, defaults.MaxRequestBodyBytes);
    }

    [Fact]
    public void Reads_several_keys_separated_by_commas()
    {
        var options = new ApiAccessOptions { ApiKey = " first-key-0123456789 , second-key-0123456789 ," };

        Assert.True(Validate(options).Succeeded);
        Assert.Equal(["first-key-0123456789", "second-key-0123456789"], options.Keys);
    }

    [Fact]
    public void Refuses_a_short_key_without_showing_it()
    {
        var failure = Assert.Single(Failures(new ApiAccessOptions { ApiKey = "secret" }));

        Assert.StartsWith("AI_ENGINE_API_KEY must be", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_every_wrong_setting_at_once()
    {
        var failures = Failures(new ApiAccessOptions { ApiKey = "short", ExecuteRateLimitPerMinute = -1, MaxRequestBodyBytes = 10 });

        Assert.Equal(["AI_ENGINE_API_KEY", "EXECUTE_RATE_LIMIT_PER_MINUTE", "MAX_REQUEST_BODY_BYTES"], failures.Select(f => f.Split(' ')[0]));
    }

    [Fact]
    public void Refuses_metrics_require_key_without_a_key_to_require()
    {
        var failure = Assert.Single(Failures(new ApiAccessOptions { MetricsRequireKey = true }));

        Assert.StartsWith("METRICS_REQUIRE_KEY=true needs AI_ENGINE_API_KEY", failure, StringComparison.Ordinal);
    }

    private static ValidateOptionsResult Validate(ApiAccessOptions options) => new ApiAccessOptionsValidator().Validate(null, options);

    private static IEnumerable<string> Failures(ApiAccessOptions options)
    {
        var result = Validate(options);
        Assert.True(result.Failed);
        return result.Failures!;
    }
}
