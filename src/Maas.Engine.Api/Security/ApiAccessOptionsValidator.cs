using Microsoft.Extensions.Options;

namespace Maas.Engine.Api.Security;

/// <summary>Checks the API's access settings at start-up; every message names the environment variable to fix. No message shows a key.</summary>
internal sealed class ApiAccessOptionsValidator : IValidateOptions<ApiAccessOptions>
{
    /// <summary>A key short enough to guess is no key; 16 characters is what <c>openssl rand -hex 8</c> gives, the least worth having.</summary>
    public const int MinimumKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, ApiAccessOptions options)
    {
        var failures = new List<string>();

        var keys = options.Keys;
        if (keys.Any(k => k.Length < MinimumKeyLength || k.Any(char.IsWhiteSpace)))
        {
            failures.Add($"AI_ENGINE_API_KEY must be one or more keys of at least {MinimumKeyLength} characters without spaces, separated by commas.");
        }

        if (options.MetricsRequireKey && keys.Count == 0)
        {
            failures.Add("METRICS_REQUIRE_KEY=true needs AI_ENGINE_API_KEY: without a key /metrics stays open.");
        }

        if (options.ExecuteRateLimitPerMinute is < 0 or > 1_000_000)
        {
            failures.Add($"EXECUTE_RATE_LIMIT_PER_MINUTE must be between 0 (no limit) and 1000000, not {options.ExecuteRateLimitPerMinute}.");
        }

        if (options.MaxRequestBodyBytes is < 1024 or > 1024L * 1024 * 1024)
        {
            failures.Add($"MAX_REQUEST_BODY_BYTES must be between 1024 and 1073741824, not {options.MaxRequestBodyBytes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
