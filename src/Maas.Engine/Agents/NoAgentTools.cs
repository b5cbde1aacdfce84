using Microsoft.Extensions.AI;

namespace Maas.Engine.Agents;

/// <summary>The engine alone offers no tools; an adapter that has some takes this one's place.</summary>
internal sealed class NoAgentTools : IAgentTools
{
    public IReadOnlyList<AITool> Offered(AgentProfile agent) => [];
}
