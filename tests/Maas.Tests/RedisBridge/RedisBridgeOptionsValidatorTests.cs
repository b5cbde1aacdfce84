using Maas.RedisBridge;
using Microsoft.Extensions.Options;

namespace Maas.Tests.RedisBridge;

/// <summary>A wrong bridge setting fails at start-up with a message naming its variable.</summary>
public sealed class RedisBridgeOptionsValidatorTests
{
    [Fact]
    public void Accepts_the_defaults()
    {
        Assert.True(Validate(new RedisBridgeOptions()).Succeeded);
    }

    [Fact]
    public void Accepts_the_platforms_prefixed_channel_names()
    {
        var options = new RedisBridgeOptions
        {
            TaskChannel = "maas:task_requests",
            ResultChannel = "maas:task_results",
            StatusChannel = "maas:task_status",
            AgentChannel = "maas:agent_status",
            SystemChannel = "maas:system_status",
            HealthChannel = "maas:health_check",
        };

        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void Names_redis_url_when_it_is_not_one()
    {
        var failure = Assert.Single(Failures(new RedisBridgeOptions { RedisUrl = "http://localhost:6379" }));

        Assert.StartsWith("REDIS_URL ", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("REDIS_RESULT_CHANNEL")]
    [InlineData("REDIS_STATUS_CHANNEL")]
    [InlineData("REDIS_AGENT_CHANNEL")]
    [InlineData("REDIS_SYSTEM_CHANNEL")]
    [InlineData("REDIS_HEALTH_CHANNEL")]
    public void Names_the_channel_variable_that_is_empty(string variable)
    {
        var options = variable switch
        {
            "REDIS_RESULT_CHANNEL" => new RedisBridgeOptions { ResultChannel = " " },
            "REDIS_STATUS_CHANNEL" => new RedisBridgeOptions { StatusChannel = "" },
            "REDIS_AGENT_CHANNEL" => new RedisBridgeOptions { AgentChannel = "" },
            "REDIS_SYSTEM_CHANNEL" => new RedisBridgeOptions { SystemChannel = "" },
            "REDIS_HEALTH_CHANNEL" => new RedisBridgeOptions { HealthChannel = "" },
            _ => throw new ArgumentOutOfRangeException(nameof(variable)),
        };

        Assert.Equal($"{variable} must not be empty.", Assert.Single(Failures(options)));
    }

    [Theory]
    [InlineData("task_requests")]
    [InlineData("task_status")]
    public void Names_the_health_channel_when_it_is_a_channel_requests_are_read_from(string channel)
    {
        var failure = Assert.Single(Failures(new RedisBridgeOptions { HealthChannel = channel }));

        Assert.Equal("REDIS_HEALTH_CHANNEL must differ from REDIS_TASK_CHANNEL and REDIS_STATUS_CHANNEL.", failure);
    }

    [Fact]
    public void Names_the_task_channel_when_it_is_empty()
    {
        Assert.Contains("REDIS_TASK_CHANNEL must not be empty.", Failures(new RedisBridgeOptions { TaskChannel = "" }));
    }

    [Theory]
    [InlineData("task_results")]
    [InlineData("task_status")]
    public void Refuses_a_task_channel_that_is_also_an_outbound_channel(string channel)
    {
        var failure = Assert.Single(Failures(new RedisBridgeOptions { TaskChannel = channel }));

        Assert.Contains("REDIS_TASK_CHANNEL must differ", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_every_wrong_setting_at_once()
    {
        var failures = Failures(new RedisBridgeOptions
        {
            RedisUrl = "nonsense",
            AgentChannel = "",
            MaxMessageBytes = 10,
            InboundConcurrency = 0,
            DeadLetterLimit = -1,
            DatabaseOutageGraceSeconds = -1,
            CancelMemorySeconds = -5,
        });

        Assert.Collection(
            failures,
            f => Assert.StartsWith("REDIS_URL", f, StringComparison.Ordinal),
            f => Assert.StartsWith("REDIS_AGENT_CHANNEL", f, StringComparison.Ordinal),
            f => Assert.StartsWith("REDIS_MAX_MESSAGE_BYTES", f, StringComparison.Ordinal),
            f => Assert.StartsWith("REDIS_INBOUND_CONCURRENCY", f, StringComparison.Ordinal),
            f => Assert.StartsWith("REDIS_DEAD_LETTER_LIMIT", f, StringComparison.Ordinal),
            f => Assert.StartsWith("DATABASE_OUTAGE_GRACE_SECONDS", f, StringComparison.Ordinal),
            f => Assert.StartsWith("CANCEL_MEMORY_SECONDS", f, StringComparison.Ordinal));
    }

    private static ValidateOptionsResult Validate(RedisBridgeOptions options) =>
        new RedisBridgeOptionsValidator().Validate(null, options);

    private static IEnumerable<string> Failures(RedisBridgeOptions options)
    {
        var result = Validate(options);
        Assert.True(result.Failed);
        return result.Failures!;
    }
}
