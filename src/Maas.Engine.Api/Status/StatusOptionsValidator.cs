using Microsoft.Extensions.Options;

namespace Maas.Engine.Api.Status;

/// <summary>Checks the status reports' settings at start-up; every message names the environment variable to fix.</summary>
internal sealed class StatusOptionsValidator : IValidateOptions<StatusOptions>
{
    public ValidateOptionsResult Validate(string? name, StatusOptions options)
    {
        var failures = new List<string>();
        if (options.SystemStatusIntervalSeconds is < 1 or > StatusOptions.MaxIntervalSeconds)
        {
            failures.Add($"SYSTEM_STATUS_INTERVAL must be between 1 and {StatusOptions.MaxIntervalSeconds} seconds, not {options.SystemStatusIntervalSeconds}.");
        }

        if (!options.AgentHeartbeatMessages.Equals(StatusOptions.On, StringComparison.OrdinalIgnoreCase)
            && !options.AgentHeartbeatMessages.Equals(StatusOptions.Off, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"AGENT_HEARTBEAT_MESSAGES must be on or off, not '{options.AgentHeartbeatMessages}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
