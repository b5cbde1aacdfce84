using Maas.Engine.Agents;
using Maas.Engine.Agents.Registry;
using Maas.Mcp;
using Maas.Tests.Engine.Agents;
using Maas.Tests.Infrastructure;
using Maas.Tests.Infrastructure.Mcp;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Maas.Tests.Mcp;

/// <summary>Which agent is offered which server's tools, against a real MCP server process (and one that is down).</summary>
public sealed class McpAgentToolsTests : IAsyncLifetime, IDisposable
{
    private McpServers _servers = null!;

    public async Task InitializeAsync()
    {
        var settings = McpTestServer.Stdio("facts", index: 0);
        foreach (var (key, value) in McpTestServer.HttpAt(new Uri("http://127.0.0.1:9/mcp"), "search", index: 1))
        {
            settings[key] = value;
        }

        var options = new McpOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().Bind(options);
        _servers = new McpServers(Options.Create(options), NullLoggerFactory.Instance, TimeProvider.System);
        await _servers.StartAsync(CancellationToken.None);
        await Eventually.Until(() => _servers.IsConnected("facts"), "the stdio server to connect");
    }

    public Task DisposeAsync() => _servers.StopAsync(CancellationToken.None);

    public void Dispose() => _servers.Dispose();

    [Fact]
    public void An_agent_gets_the_tools_of_the_connected_servers_it_lists_and_no_others()
    {
        var facts = Agent("a", "code_generation") with { McpServers = ["facts"] };
        var search = Agent("b", "research") with { McpServers = ["search"] };
        var none = Agent("c", "testing");
        var tools = new McpAgentTools(_servers, TestAgents.Catalog(agents: [facts, search, none]));

        Assert.Contains("lookup_fact", tools.Offered(facts).Select(t => t.Name));
        Assert.Empty(tools.Offered(search)); // declared but down
        Assert.Empty(tools.Offered(none)); // other agents list servers, this one lists none
    }

    [Fact]
    public void With_no_agent_listing_servers_every_agent_may_use_every_declared_server()
    {
        var stock = AgentRegistry.Defaults("offline");
        var tools = new McpAgentTools(_servers, TestAgents.Catalog(agents: [.. stock]));

        Assert.All(stock, agent => Assert.Contains("lookup_fact", tools.Offered(agent).Select(t => t.Name)));
    }

    [Fact]
    public async Task A_tool_refusal_is_returned_as_an_error_result_not_thrown()
    {
        var tools = new McpAgentTools(_servers, TestAgents.Catalog(agents: [.. AgentRegistry.Defaults("offline")]));
        var lookup = tools.Offered(AgentRegistry.Defaults("offline")[0]).OfType<AIFunction>().Single(t => t.Name == "lookup_fact");

        var found = await lookup.InvokeAsync(new AIFunctionArguments { ["key"] = "answer" });
        var missing = await lookup.InvokeAsync(new AIFunctionArguments { ["key"] = "no_such_fact" });

        Assert.Equal("42", found);
        Assert.StartsWith("Error: the tool 'lookup_fact' (MCP server 'facts') failed", (string)missing!, StringComparison.Ordinal);
    }

    private static AgentProfile Agent(string id, string taskType) => new(id, "code_generator", [taskType], [], "You write code.");
}
