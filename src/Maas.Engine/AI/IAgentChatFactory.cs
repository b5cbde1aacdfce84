using Maas.Engine.Agents;

namespace Maas.Engine.AI;

/// <summary>Builds an agent's <see cref="AgentChat"/> from its provider, model and address. The engine's own builds offline clients; the provider adapters take its place.</summary>
public interface IAgentChatFactory
{
    AgentChat Create(AgentProfile agent);
}
