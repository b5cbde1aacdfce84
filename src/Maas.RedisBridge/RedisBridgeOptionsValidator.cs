using Microsoft.Extensions.Options;

namespace Maas.RedisBridge;

/// <summary>Checks the bridge's settings at start-up; every message names the environment variable to fix.</summary>
internal sealed class RedisBridgeOptionsValidator : IValidateOptions<RedisBridgeOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisBridgeOptions options)
    {
        var failures = new List<string>();
        try
        {
            _ = RedisUrl.Parse(options.RedisUrl);
        }
        catch (FormatException e)
        {
            // The text is not echoed: a URL that cannot be read cannot be redacted reliably either, and may hold a password.
            failures.Add($"REDIS_URL is not valid: {e.Message}.");
        }

        foreach (var (variable, channel) in new[]
        {
            ("REDIS_TASK_CHANNEL", options.TaskChannel),
            ("REDIS_RESULT_CHANNEL", options.ResultChannel),
            ("REDIS_STATUS_CHANNEL", options.StatusChannel),
            ("REDIS_AGENT_CHANNEL", options.AgentChannel),
            ("REDIS_SYSTEM_CHANNEL", options.SystemChannel),
            ("REDIS_HEALTH_CHANNEL", options.HealthChannel),
        })
        {
            if (string.IsNullOrWhiteSpace(channel))
            {
                failures.Add($"{variable} must not be empty.");
            }
        }

        if (options.TaskChannel == options.ResultChannel || options.TaskChannel == options.StatusChannel)
        {
            failures.Add("REDIS_TASK_CHANNEL must differ from REDIS_RESULT_CHANNEL and REDIS_STATUS_CHANNEL.");
        }

        // The engine reads requests from these two; a health_check there would be taken for a malformed request.
        if (options.HealthChannel == options.TaskChannel || options.HealthChannel == options.StatusChannel)
        {
            failures.Add("REDIS_HEALTH_CHANNEL must differ from REDIS_TASK_CHANNEL and REDIS_STATUS_CHANNEL.");
        }

        if (options.MaxMessageBytes < 1024)
        {
            failures.Add($"REDIS_MAX_MESSAGE_BYTES must be at least 1024, not {options.MaxMessageBytes}.");
        }

        if (options.InboundConcurrency is < 1 or > 10_000)
        {
            failures.Add($"REDIS_INBOUND_CONCURRENCY must be between 1 and 10000, not {options.InboundConcurrency}.");
        }

        if (options.DeadLetterLimit < 0)
        {
            failures.Add("REDIS_DEAD_LETTER_LIMIT must not be negative.");
        }

        foreach (var (variable, seconds) in new[]
        {
            ("DATABASE_OUTAGE_GRACE_SECONDS", options.DatabaseOutageGraceSeconds),
            ("CANCEL_MEMORY_SECONDS", options.CancelMemorySeconds),
        })
        {
            if (seconds < 0)
            {
                failures.Add($"{variable} must be a whole number of seconds, 0 or more, not {seconds}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
