using Maas.Engine.Agents;
using Maas.Engine.Agents.Health;
using Maas.Engine.Agents.Registry;
using Maas.Engine.AI;
using Maas.Engine.AI.Offline;
using Microsoft.Extensions.Logging.Abstractions;

namespace Maas.Tests.Engine.Agents;

/// <summary>A catalog of agents on the engine's offline client, for tests of what reads a catalog (tools, labels).</summary>
internal static class OfflineCatalog
{
    public static AgentCatalog Of(IEnumerable<AgentProfile> agents, int workers = 10) =>
        new(agents, workers, new OfflineAgentChatFactory(new OfflineChatClient(), NullLoggerFactory.Instance),
            new AgentHealth(TimeProvider.System, TimeSpan.FromSeconds(30)));

    /// <summary>The stock agents, one per task type, named after <paramref name="provider"/>.</summary>
    public static AgentCatalog Stock(string provider = "offline") => Of(AgentRegistry.Defaults(provider));
}
