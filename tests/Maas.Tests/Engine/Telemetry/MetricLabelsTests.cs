using Maas.Engine;
using Maas.Engine.Agents.Registry;
using Maas.Engine.AI;
using Maas.Engine.Telemetry;
using Maas.Tests.Engine.Agents;
using Microsoft.Extensions.Options;

namespace Maas.Tests.Engine.Telemetry;

public sealed class MetricLabelsTests
{
    private static readonly MetricLabels Labels = new(
        TestAgents.Catalog(agents: [.. AgentRegistry.Defaults("openai")]),
        new ChatProviderInfo("openai", "gpt-4o-mini", StructuredOutputMode.JsonSchema),
        Options.Create(new EngineOptions { ModelPrices = "claude-sonnet-4-5=3/15, gpt-4o=2.5/10" }));

    [Theory]
    [InlineData("code_generation", "code_generation")]
    [InlineData("Code_Generation", "code_generation")]
    [InlineData("research", "research")]
    [InlineData("made_up_kind", "other")]
    [InlineData(null, "other")]
    public void A_task_type_outside_the_known_kinds_counts_as_other(string? taskType, string label) =>
        Assert.Equal(label, Labels.TaskType(taskType));

    [Fact]
    public void An_agent_the_engine_does_not_have_counts_as_other()
    {
        var known = AgentRegistry.Defaults("openai")[0].AgentId;

        Assert.Equal(known, Labels.Agent(known));
        Assert.Equal("other", Labels.Agent("code_generator_658e1617"));
        Assert.Equal("other", Labels.Agent(null));
    }

    [Theory]
    [InlineData("gpt-4o-mini", "gpt-4o-mini")]
    [InlineData("gpt-4o-mini-2024-07-18", "gpt-4o-mini")]
    [InlineData("gpt-4o-2024-08-06", "gpt-4o")]
    [InlineData("claude-sonnet-4-5-20250929", "claude-sonnet-4-5")]
    [InlineData("offline", "offline")]
    [InlineData("llama3.2", "other")]
    [InlineData(null, "other")]
    public void A_model_counts_as_the_known_model_it_starts_with_or_as_other(string? model, string label) =>
        Assert.Equal(label, Labels.Model(model));

    [Theory]
    [InlineData(null, "none")]
    [InlineData("agent_timeout", "agent_timeout")]
    [InlineData("something_new", "other")]
    public void Error_types_are_the_wires_closed_set(string? errorType, string label) =>
        Assert.Equal(label, MetricLabels.ErrorType(errorType));
}
