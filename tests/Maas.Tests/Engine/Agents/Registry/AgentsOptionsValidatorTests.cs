using Maas.Engine.Agents.Registry;

namespace Maas.Tests.Engine.Agents.Registry;

/// <summary>Wrong agent entries are named one line each, with the entry and what it must be.</summary>
public sealed class AgentsOptionsValidatorTests
{
    [Fact]
    public void Accepts_a_complete_entry()
    {
        var result = Validate(Valid("coder"));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("type", "wizard", "agents[0] (coder): type 'wizard' is not known; the engine has: code_generator, research_agent, testing_agent, documentation.")]
    [InlineData("task_types", "poetry", "agents[0] (coder): task type 'poetry' is not known; the engine runs:")]
    [InlineData("max_concurrent_tasks", "0", "agents[0] (coder): max_concurrent_tasks must be at least 1, not 0.")]
    [InlineData("temperature", "3.5", "agents[0] (coder): temperature must be between 0 and 2, not 3.5.")]
    [InlineData("agent_id", "", "agents[0]: agent_id is not set.")]
    public void Names_the_entry_and_what_is_wrong(string field, string value, string expected)
    {
        var agent = Valid("coder");
        switch (field)
        {
            case "type": agent.Type = value; break;
            case "task_types": agent.TaskTypes = [value]; break;
            case "max_concurrent_tasks": agent.MaxConcurrentTasks = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "temperature": agent.Temperature = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "agent_id": agent.AgentId = value; break;
        }

        var failure = Assert.Single(Validate(agent).Failures!);

        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_agent_id_used_twice()
    {
        var failure = Assert.Single(Validate(Valid("coder"), Valid("writer"), Valid("coder")).Failures!);

        Assert.Equal("agents[2] (coder): agent_id 'coder' is used by another agent.", failure);
    }

    [Fact]
    public void Refuses_a_probe_interval_out_of_range()
    {
        var result = new AgentsOptionsValidator(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).Validate(null, new AgentsOptions { ProbeIntervalSeconds = 0 });

        Assert.Equal("AGENT_HEALTH_PROBE_SECONDS must be between 0.1 and 86400, not 0.", Assert.Single(result.Failures!));
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(params AgentSettings[] agents) =>
        new AgentsOptionsValidator(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).Validate(null, new AgentsOptions { Agents = [.. agents] });

    private static AgentSettings Valid(string id) => new()
    {
        AgentId = id,
        Type = "code_generator",
        TaskTypes = ["code_generation"],
        Languages = ["python"],
        Provider = "openai",
        Model = "gpt-4o-mini",
        MaxConcurrentTasks = 2,
        Temperature = 0.2,
    };
}
