using Maas.Engine.Agents.Registry;

namespace Maas.Tests.Engine.Agents.Registry;

/// <summary>Configured agents become profiles as written; with none, the stock agents on <c>AI_PROVIDER</c> keep their ids.</summary>
public sealed class AgentRegistryTests
{
    [Fact]
    public void With_no_agents_configured_runs_one_stock_agent_per_task_type_on_the_default_provider()
    {
        var agents = AgentRegistry.Build(new AgentsOptions(), "OpenAI");

        Assert.Equal(["code_generator_openai", "research_agent_openai", "testing_agent_openai", "documentation_openai"], agents.Select(a => a.AgentId));
        Assert.Equal(["code_generation", "research", "testing", "documentation"], agents.Select(a => Assert.Single(a.TaskTypes)));
        Assert.All(agents, a => Assert.Equal("openai", a.Provider));
        Assert.All(agents, a => Assert.Equal(int.MaxValue, a.MaxConcurrentTasks));
    }

    [Fact]
    public void A_configured_agent_keeps_its_provider_model_limit_and_environments_and_defaults_the_rest()
    {
        var options = new AgentsOptions
        {
            Agents =
            [
                new AgentSettings
                {
                    AgentId = "coder-ollama", Type = "code_generator", Languages = ["python"], Frameworks = ["fastapi"],
                    Provider = "Ollama", Model = "qwen2.5-coder:7b", MaxConcurrentTasks = 2, Temperature = 0.2, Environments = ["env-1"],
                },
            ],
        };

        var agent = Assert.Single(AgentRegistry.Build(options, "offline"));

        Assert.Equal(["code_generation"], agent.TaskTypes);
        Assert.Equal(["python", "fastapi"], agent.Capabilities);
        Assert.Equal("ollama", agent.Provider);
        Assert.Equal("qwen2.5-coder:7b", agent.Model);
        Assert.Equal(2, agent.MaxConcurrentTasks);
        Assert.Equal(0.2f, agent.Temperature);
        Assert.Equal(["env-1"], agent.Environments);
        Assert.Equal(AgentTypes.Persona("code_generator"), agent.Instructions);
    }

    [Fact]
    public void An_agent_without_a_provider_uses_the_default_provider()
    {
        var agent = Assert.Single(AgentRegistry.Build(new AgentsOptions { Agents = [new AgentSettings { AgentId = "w", Type = "documentation", SystemPrompt = "Be brief." }] }, "anthropic"));

        Assert.Equal("anthropic", agent.Provider);
        Assert.Null(agent.Model);
        Assert.Equal("Be brief.", agent.Instructions);
    }
}
