using Maas.Engine;
using Microsoft.Extensions.Options;

namespace Maas.Tests.Engine;

/// <summary>A wrong engine setting fails at start-up with a message naming its variable.</summary>
public sealed class EngineOptionsValidatorTests
{
    private const string SeedDatabaseUrl = "postgresql://postgres:devpassword@localhost:5432/maas_agent_platform";

    [Fact]
    public void Accepts_the_seed_settings()
    {
        Assert.True(Validate(new EngineOptions { DatabaseUrl = SeedDatabaseUrl }).Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Names_database_url_when_it_is_missing(string databaseUrl)
    {
        var failure = Assert.Single(Failures(new EngineOptions { DatabaseUrl = databaseUrl }));

        Assert.StartsWith("DATABASE_URL is not set", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql://u:p@localhost/db")]
    [InlineData("postgresql://localhost")]
    [InlineData("this is not a database url")]
    public void Names_database_url_when_it_is_garbage(string databaseUrl)
    {
        var failure = Assert.Single(Failures(new EngineOptions { DatabaseUrl = databaseUrl }));

        Assert.StartsWith("DATABASE_URL is not a valid PostgreSQL URL", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100_001)]
    public void Names_max_concurrent_tasks_when_it_is_out_of_range(int value)
    {
        var failure = Assert.Single(Failures(new EngineOptions { DatabaseUrl = SeedDatabaseUrl, MaxConcurrentTasks = value }));

        Assert.StartsWith("MAX_CONCURRENT_TASKS", failure, StringComparison.Ordinal);
        Assert.Contains($"not {value}", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_task_timeout_seconds_when_it_is_zero()
    {
        var failure = Assert.Single(Failures(new EngineOptions { DatabaseUrl = SeedDatabaseUrl, TaskTimeoutSeconds = 0 }));

        Assert.Equal("TASK_TIMEOUT_SECONDS must be at least 1, not 0.", failure);
    }

    [Fact]
    public void Names_model_prices_when_an_entry_is_malformed()
    {
        var failure = Assert.Single(Failures(new EngineOptions { DatabaseUrl = SeedDatabaseUrl, ModelPrices = "gpt-4o-mini=0.15/0.60,claude=cheap" }));

        Assert.StartsWith("MODEL_PRICES entry 'claude=cheap' is not model=input/output", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_every_wrong_setting_at_once()
    {
        var failures = Failures(new EngineOptions
        {
            DatabaseUrl = "",
            MaxConcurrentTasks = 0,
            TaskTimeoutSeconds = 0,
            TaskMaxRetries = -1,
            RetryDelaySeconds = 90,
            RetryMaxDelaySeconds = 60,
            AgentHeartbeatIntervalSeconds = 0,
            OfflineAgentDelayMilliseconds = -1,
        });

        Assert.Equal(
            ["DATABASE_URL", "MAX_CONCURRENT_TASKS", "TASK_TIMEOUT_SECONDS", "TASK_MAX_RETRIES", "TASK_RETRY_DELAY_SECONDS", "AGENT_HEARTBEAT_INTERVAL", "OFFLINE_AGENT_DELAY_MS"],
            failures.Select(f => f.Split(' ')[0]));
    }

    private static ValidateOptionsResult Validate(EngineOptions options) => new EngineOptionsValidator().Validate(null, options);

    private static IEnumerable<string> Failures(EngineOptions options)
    {
        var result = Validate(options);
        Assert.True(result.Failed);
        return result.Failures!;
    }
}
