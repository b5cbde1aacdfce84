using Maas.Engine.Agents;
using Microsoft.Extensions.AI;

namespace Maas.Mcp;

/// <summary>
/// The MCP tools an agent may call: those of the connected servers it lists (in its order; a tool name met twice
/// keeps its first server's tool). An agent lists servers in <c>agents[].mcp_servers</c>; when no agent lists any
/// (no agents file: the stock agents), every agent may use every declared server.
/// </summary>
internal sealed class McpAgentTools(McpServers servers, AgentCatalog catalog) : IAgentTools
{
    private readonly Lazy<bool> _anyAgentListsServers = new(() => catalog.Agents.Any(a => a.McpServers.Count > 0));

    public IReadOnlyList<AITool> Offered(AgentProfile agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (servers.Count == 0)
        {
            return [];
        }

        var names = agent.McpServers.Count > 0 ? agent.McpServers : _anyAgentListsServers.Value ? [] : servers.Names;
        var tools = new List<AITool>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            foreach (var tool in servers.Find(name)?.Tools ?? [])
            {
                if (seen.Add(tool.Name))
                {
                    tools.Add(tool);
                }
            }
        }

        return tools;
    }
}
