using Microsoft.Extensions.AI;

namespace Maas.Engine.Agents;

/// <summary>
/// The tools an agent may call while it works on a task (an MCP adapter offers its servers' tools through this). The
/// chat pipeline's function invocation calls them; a tool must report its own failures as results, never throw.
/// </summary>
public interface IAgentTools
{
    /// <summary>The tools offered to <paramref name="agent"/> now; empty when it has none.</summary>
    IReadOnlyList<AITool> Offered(AgentProfile agent);
}
