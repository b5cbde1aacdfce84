using Maas.Engine.Agents;

namespace Maas.Tests.Engine.Agents;

/// <summary>Every selection rule as a row: the agents as they stand, the task, and where it goes.</summary>
public sealed class AgentSelectionTests
{
    private const string Env = "615dfdb3-1051-449e-b858-e4ea9220837a";
    private const string OtherEnv = "0c1d2e3f-0000-4000-8000-000000000000";

    public static TheoryData<string, AgentRequest, AgentSnapshot[], AgentChoiceKind, string?> Rules => new()
    {
        {
            "a task type no agent runs has no agent",
            new("research"), [Agent("coder")], AgentChoiceKind.NoAgent, null
        },
        {
            "an agent that serves only other environments may not take the task",
            new("code_generation", EnvironmentId: Env), [Agent("coder-other", environments: [OtherEnv])], AgentChoiceKind.NoAgent, null
        },
        {
            "a named agent that is capable and healthy runs the task, even when another fits better",
            new("code_generation", AgentId: "plain", Language: "python"), [Agent("plain"), Agent("pythonista", capabilities: ["python"])], AgentChoiceKind.Run, "plain"
        },
        {
            "a named agent at its limit is waited for, even when another is free",
            new("code_generation", AgentId: "plain"), [Agent("plain", running: 2, limit: 2), Agent("other")], AgentChoiceKind.Wait, "plain"
        },
        {
            "a named agent that is unhealthy gives way to the best capable agent",
            new("code_generation", AgentId: "sick"), [Agent("sick", healthy: false), Agent("well")], AgentChoiceKind.Run, "well"
        },
        {
            "a named agent that does not run the task type gives way to one that does",
            new("code_generation", AgentId: "writer"), [Agent("writer", taskType: "documentation"), Agent("coder")], AgentChoiceKind.Run, "coder"
        },
        {
            "a platform agent id the engine does not know is chosen for as if none were named",
            new("code_generation", AgentId: "code_generator_658e1617"), [Agent("busy", running: 1, limit: 2), Agent("idle")], AgentChoiceKind.Run, "idle"
        },
        {
            "an unhealthy agent is never chosen",
            new("code_generation", Language: "python"), [Agent("sick-pythonista", capabilities: ["python"], healthy: false), Agent("plain")], AgentChoiceKind.Run, "plain"
        },
        {
            "when every capable agent is unhealthy the task cannot run now",
            new("code_generation"), [Agent("a", healthy: false), Agent("b", healthy: false)], AgentChoiceKind.Unhealthy, null
        },
        {
            "an agent dedicated to the task's environment comes before one serving all",
            new("code_generation", EnvironmentId: Env), [Agent("everyone"), Agent("dedicated", environments: [OtherEnv, Env])], AgentChoiceKind.Run, "dedicated"
        },
        {
            "the environment comes before capability fit",
            new("code_generation", EnvironmentId: Env, Language: "python"), [Agent("pythonista", capabilities: ["python"]), Agent("dedicated", environments: [Env])], AgentChoiceKind.Run, "dedicated"
        },
        {
            "an agent with the task's language comes before one without",
            new("code_generation", Language: "Python"), [Agent("gopher", capabilities: ["go"]), Agent("pythonista", capabilities: ["python"])], AgentChoiceKind.Run, "pythonista"
        },
        {
            "an agent with the task's framework comes before one without",
            new("code_generation", Language: "python", Framework: "fastapi"), [Agent("django", capabilities: ["python", "django"]), Agent("fastapi", capabilities: ["python", "fastapi"])], AgentChoiceKind.Run, "fastapi"
        },
        {
            "the language weighs more than the framework",
            new("code_generation", Language: "python", Framework: "fastapi"), [Agent("fastapi-only", capabilities: ["fastapi"]), Agent("python-only", capabilities: ["python"])], AgentChoiceKind.Run, "python-only"
        },
        {
            "capability fit comes before load",
            new("code_generation", Language: "python"), [Agent("idle"), Agent("busy-pythonista", capabilities: ["python"], running: 3, limit: 4)], AgentChoiceKind.Run, "busy-pythonista"
        },
        {
            "the least loaded relative to its limit is chosen, not the one running fewest",
            new("code_generation"), [Agent("small", running: 1, limit: 2), Agent("large", running: 2, limit: 10)], AgentChoiceKind.Run, "large"
        },
        {
            "a full agent gives way to a free one, even a worse fit",
            new("code_generation", Language: "python"), [Agent("full-pythonista", capabilities: ["python"], running: 1, limit: 1), Agent("plain")], AgentChoiceKind.Run, "plain"
        },
        {
            "when every capable agent is full the task waits",
            new("code_generation"), [Agent("a", running: 1, limit: 1), Agent("b", running: 3, limit: 3), Agent("writer", taskType: "documentation")], AgentChoiceKind.Wait, null
        },
        {
            "task types match whatever their case",
            new("CODE_GENERATION"), [Agent("coder")], AgentChoiceKind.Run, "coder"
        },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Chooses_by_the_rules(string rule, AgentRequest request, AgentSnapshot[] agents, AgentChoiceKind kind, string? agentId)
    {
        var choice = AgentSelection.Choose(request, agents);

        Assert.True(kind == choice.Kind && agentId == choice.AgentId, $"{rule}: expected {kind} {agentId}, got {choice.Kind} {choice.AgentId} ({choice.Reason})");
    }

    [Fact]
    public void Ties_go_round_in_turn()
    {
        AgentSnapshot[] agents = [Agent("a"), Agent("b"), Agent("c")];

        var chosen = Enumerable.Range(0, 6).Select(turn => AgentSelection.Choose(new AgentRequest("code_generation"), agents, turn).AgentId).ToList();

        Assert.Equal(["a", "b", "c", "a", "b", "c"], chosen);
    }

    [Fact]
    public void Says_why_no_agent_is_healthy()
    {
        var choice = AgentSelection.Choose(new AgentRequest("code_generation"), [Agent("a", healthy: false)]);

        Assert.Contains("a: provider down", choice.Reason, StringComparison.Ordinal);
    }

    private static AgentSnapshot Agent(string id, string taskType = "code_generation", string[]? capabilities = null, int running = 0, int limit = 4,
        bool healthy = true, string[]? environments = null) =>
        new(id, "code_generator", healthy ? "active" : "offline", healthy, healthy ? null : "provider down", running, limit, capabilities ?? [],
            "offline", "offline", environments ?? [], null)
        {
            TaskTypes = [taskType],
        };
}
