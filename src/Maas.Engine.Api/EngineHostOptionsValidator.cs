using Microsoft.Extensions.Options;

namespace Maas.Engine.Api;

/// <summary>Checks the host's settings at start-up; every message names the environment variable to fix.</summary>
internal sealed class EngineHostOptionsValidator : IValidateOptions<EngineHostOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineHostOptions options)
    {
        var failures = new List<string>();

        if (Uri.CheckHostName(options.Host) == UriHostNameType.Unknown)
        {
            failures.Add($"AI_ENGINE_HOST must be a host name or an IP address, not '{options.Host}'.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"AI_ENGINE_PORT must be a port number from 1 to 65535, not {options.Port}.");
        }

        if (options.MinimumLogLevel is null)
        {
            failures.Add($"LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, not '{options.LogLevelName}'.");
        }

        if (options.LogFormat.ToLowerInvariant() is not ("json" or "text"))
        {
            failures.Add($"LOG_FORMAT must be json or text, not '{options.LogFormat}'.");
        }

        if (options.StartupRetrySeconds is < 0 or > 86_400 || double.IsNaN(options.StartupRetrySeconds))
        {
            failures.Add($"STARTUP_RETRY_SECONDS must be between 0 and 86400, not {options.StartupRetrySeconds}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
