using Maas.Engine.Api.Status;

namespace Maas.Tests.Api.Status;

/// <summary>A wrong status setting fails at start-up with a message naming its variable.</summary>
public sealed class StatusOptionsValidatorTests
{
    [Fact]
    public void Accepts_the_defaults_a_minute_and_no_heartbeats()
    {
        var defaults = new StatusOptions();

        Assert.True(new StatusOptionsValidator().Validate(null, defaults).Succeeded);
        Assert.Equal(60, defaults.SystemStatusIntervalSeconds);
        Assert.False(defaults.SendsAgentHeartbeats);
    }

    [Theory]
    [InlineData("on", true)]
    [InlineData("ON", true)]
    [InlineData("off", false)]
    [InlineData("Off", false)]
    public void Reads_agent_heartbeat_messages_as_on_or_off_whatever_the_case(string value, bool sends)
    {
        var options = new StatusOptions { AgentHeartbeatMessages = value };

        Assert.True(new StatusOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(sends, options.SendsAgentHeartbeats);
    }

    [Theory]
    [InlineData(0, "on", "SYSTEM_STATUS_INTERVAL must be between 1 and 86400 seconds, not 0.")]
    [InlineData(86_401, "off", "SYSTEM_STATUS_INTERVAL must be between 1 and 86400 seconds, not 86401.")]
    [InlineData(60, "true", "AGENT_HEARTBEAT_MESSAGES must be on or off, not 'true'.")]
    [InlineData(60, "", "AGENT_HEARTBEAT_MESSAGES must be on or off, not ''.")]
    public void Names_the_variable_that_is_wrong(int interval, string heartbeats, string expected)
    {
        var result = new StatusOptionsValidator().Validate(null, new StatusOptions { SystemStatusIntervalSeconds = interval, AgentHeartbeatMessages = heartbeats });

        Assert.Equal(expected, Assert.Single(result.Failures!));
    }
}
