using Maas.Contracts.Configuration;
using Microsoft.Extensions.Options;

namespace Maas.Engine;

/// <summary>Checks the engine's settings at start-up; every message names the environment variable to fix.</summary>
internal sealed class EngineOptionsValidator : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions options)
    {
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.DatabaseUrl))
        {
            failures.Add("DATABASE_URL is not set: expected postgresql://user:password@host:port/database.");
        }
        else
        {
            try
            {
                _ = PostgresUrl.ToConnectionString(options.DatabaseUrl);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                // Npgsql's own words (an inner exception) may quote the text; ours never do, and name user:password as a pattern.
                failures.Add($"DATABASE_URL is not a valid PostgreSQL URL ({(e.InnerException is null ? e.Message : UrlRedaction.Redact(e.Message))}).");
            }
        }

        if (options.MaxConcurrentTasks is < 1 or > 100_000)
        {
            failures.Add($"MAX_CONCURRENT_TASKS must be between 1 and 100000, not {options.MaxConcurrentTasks}.");
        }

        if (options.SagaConnections is < 1 or > 64)
        {
            failures.Add($"SAGA_DB_CONNECTIONS must be between 1 and 64, not {options.SagaConnections}.");
        }

        if (options.TaskTimeoutSeconds < 1)
        {
            failures.Add($"TASK_TIMEOUT_SECONDS must be at least 1, not {options.TaskTimeoutSeconds}.");
        }

        if (options.TaskMaxRetries < 0)
        {
            failures.Add($"TASK_MAX_RETRIES must not be negative, not {options.TaskMaxRetries}.");
        }

        if (options.RetryDelaySeconds < 0 || options.RetryMaxDelaySeconds < options.RetryDelaySeconds)
        {
            failures.Add("TASK_RETRY_DELAY_SECONDS must not be negative nor above TASK_RETRY_MAX_DELAY_SECONDS.");
        }

        if (options.AgentHeartbeatIntervalSeconds < 1)
        {
            failures.Add($"AGENT_HEARTBEAT_INTERVAL must be at least 1, not {options.AgentHeartbeatIntervalSeconds}.");
        }

        if (options.RecoveryIntervalSeconds <= 0 || options.InstanceTtlSeconds < 2 * options.RecoveryIntervalSeconds)
        {
            failures.Add("RECOVERY_INTERVAL_SECONDS must be positive and ENGINE_INSTANCE_TTL_SECONDS at least twice as long, so a live instance is never presumed dead.");
        }

        if (options.ResultRedeliveryAfterSeconds <= 0)
        {
            failures.Add("RESULT_REDELIVERY_AFTER_SECONDS must be positive.");
        }

        if (string.IsNullOrWhiteSpace(options.InstanceId) || options.InstanceId.Length > 256)
        {
            failures.Add("ENGINE_INSTANCE_ID must be 1 to 256 characters.");
        }

        if (options.OfflineAgentDelayMilliseconds < 0)
        {
            failures.Add("OFFLINE_AGENT_DELAY_MS must not be negative.");
        }

        if (Agents.ModelPrices.TryParse(options.ModelPrices, out var pricesError) is null)
        {
            failures.Add(pricesError!);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
