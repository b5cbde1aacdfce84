using Maas.Tests.Infrastructure;

namespace Maas.Tests.Api;

/// <summary>An agents file or entry that cannot be used stops start-up with one line each, naming it, and exit code 1.</summary>
public sealed class AgentsConfigurationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"maas-agents-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task A_missing_agents_file_is_one_line()
    {
        var settings = Reachable();
        settings["AGENTS_FILE"] = _file;

        await using var engine = await EngineProcess.Run(settings);

        Assert.Equal(1, engine.ExitCode);
        Assert.Equal($"AGENTS_FILE: {_file} does not exist.", Assert.Single(engine.Lines));
    }

    [Fact]
    public async Task An_agents_file_that_is_not_json_is_one_line_with_where()
    {
        await File.WriteAllTextAsync(_file, "{ \"agents\": [ { \"agent_id\": \"coder\", } ");
        var settings = Reachable();
        settings["AGENTS_FILE"] = _file;

        await using var engine = await EngineProcess.Run(settings);

        Assert.Equal(1, engine.ExitCode);
        Assert.StartsWith($"AGENTS_FILE: {_file} is not valid JSON (line 1", Assert.Single(engine.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_wrong_agent_entry_in_the_file_gets_its_own_line()
    {
        await File.WriteAllTextAsync(_file, """
            {
              "agents": [
                { "agent_id": "coder", "type": "code_generator", "provider": "openai", "max_concurrent_tasks": 0 },
                { "agent_id": "coder", "type": "poet", "provider": "telepathy" },
                { "agent_id": "writer", "type": "documentation", "provider": "ollama", "base_url": "not a url" }
              ]
            }
            """);
        var settings = Reachable();
        settings["AGENTS_FILE"] = _file;

        await using var engine = await EngineProcess.Run(settings);

        Assert.Equal(1, engine.ExitCode);
        Assert.Equal(
            [
                "agents[0] (coder): max_concurrent_tasks must be at least 1, not 0.",
                "agents[1] (coder): agent_id 'coder' is used by another agent.",
                "agents[1] (coder): type 'poet' is not known; the engine has: code_generator, research_agent, testing_agent, documentation.",
                "agents[0] (coder): provider openai has no model: set the agent's model or OPENAI_MODEL.",
                "agents[1] (coder): provider 'telepathy' is not known; the engine has: offline, openai, ollama, anthropic.",
                "agents[2] (writer): provider ollama has no model: set the agent's model or OLLAMA_MODEL.",
                "agents[2] (writer): base_url is not an absolute http:// or https:// URL.",
            ],
            engine.Lines);
    }

    [Fact]
    public async Task A_number_that_cannot_be_read_is_named_not_taken_for_no_limit()
    {
        var settings = Reachable();
        settings["agents__0__agent_id"] = "coder";
        settings["agents__0__type"] = "code_generator";
        settings["agents__0__max_concurrent_tasks"] = "four";

        await using var engine = await EngineProcess.Run(settings);

        Assert.Equal(1, engine.ExitCode);
        Assert.Equal("agents[0] (coder): max_concurrent_tasks must be a whole number, not 'four'.", Assert.Single(engine.Lines));
    }

    private static Dictionary<string, string?> Reachable() => new()
    {
        ["DATABASE_URL"] = TestServers.DatabaseUrl,
        ["REDIS_URL"] = TestServers.RedisUrl,
    };
}
