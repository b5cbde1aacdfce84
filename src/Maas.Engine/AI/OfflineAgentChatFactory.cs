using Maas.Engine.Agents;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Maas.Engine.AI;

/// <summary>Every agent on the engine's offline client, which is always there.</summary>
internal sealed class OfflineAgentChatFactory(IChatClient offline, ILoggerFactory loggers) : IAgentChatFactory
{
    public AgentChat Create(AgentProfile agent) =>
        new(offline, ChatProviderInfo.Offline, new StructuredOutputFallback(ChatProviderInfo.Offline, loggers.CreateLogger<StructuredOutputFallback>()),
            ChatProviderInfo.Offline.Name, AlwaysThere.Instance);

    /// <summary>The offline client needs no network, so it is always healthy.</summary>
    public sealed class AlwaysThere : IProviderProbe
    {
        public static AlwaysThere Instance { get; } = new();

        public Task<string?> Probe(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
    }
}
