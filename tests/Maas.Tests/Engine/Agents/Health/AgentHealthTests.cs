using Maas.Engine.Agents.Health;

namespace Maas.Tests.Engine.Agents.Health;

/// <summary>An endpoint's health from what is seen for free: probes, failed calls in a row, and its provider's open circuit.</summary>
public sealed class AgentHealthTests
{
    private const string Endpoint = "openai http://127.0.0.1:1/v1";

    [Fact]
    public void A_failed_probe_makes_the_endpoint_unhealthy_until_a_probe_succeeds()
    {
        var health = new AgentHealth(TimeProvider.System, TimeSpan.FromSeconds(30));

        health.Probed(Endpoint, "openai is unreachable (ConnectionError)");
        Assert.Equal("model listing failed: openai is unreachable (ConnectionError)", health.Problem(Endpoint, "openai"));

        health.Probed(Endpoint, null);
        Assert.Null(health.Problem(Endpoint, "openai"));
    }

    [Fact]
    public void Calls_that_fail_in_a_row_make_it_unhealthy_and_a_success_in_between_resets_the_count()
    {
        var clock = new SteppedClock(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var health = new AgentHealth(clock, TimeSpan.FromSeconds(30));

        health.CallFailed(Endpoint, "500");
        health.CallFailed(Endpoint, "500");
        health.CallSucceeded(Endpoint);
        health.CallFailed(Endpoint, "500");
        health.CallFailed(Endpoint, "500");
        Assert.Null(health.Problem(Endpoint, "openai"));

        health.CallFailed(Endpoint, "503 Service Unavailable");
        Assert.Equal("3 calls in a row failed: 503 Service Unavailable", health.Problem(Endpoint, "openai"));

        // A listing that answers says nothing of completions: the failures count until the cool-off has passed.
        health.Probed(Endpoint, null);
        Assert.NotNull(health.Problem(Endpoint, "openai"));
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Null(health.Problem(Endpoint, "openai"));

        // Then one call tries again; failing, it takes the agent out for another cool-off at once.
        health.CallFailed(Endpoint, "503 Service Unavailable");
        Assert.NotNull(health.Problem(Endpoint, "openai"));
    }

    [Fact]
    public void An_open_circuit_counts_only_for_its_break()
    {
        var clock = new SteppedClock(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var health = new AgentHealth(clock, TimeSpan.FromSeconds(30));

        health.CircuitOpened("openai", TimeSpan.FromSeconds(30));
        Assert.Equal("openai's circuit is open after repeated failures", health.Problem(Endpoint, "openai"));
        Assert.Null(health.Problem("ollama http://127.0.0.1:2", "ollama"));

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Null(health.Problem(Endpoint, "openai"));
    }
}
