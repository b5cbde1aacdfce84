using Maas.Engine.Agents;
using Maas.Engine.Agents.Health;
using Maas.Engine.AI;
using Maas.Engine.AI.Offline;
using Microsoft.Extensions.Logging.Abstractions;

namespace Maas.Tests.Engine.Agents;

/// <summary>Catalogs of offline agents for tests of selection and the backlog.</summary>
public static class TestAgents
{
    public static AgentProfile Coder(string id, int limit, params string[] environments) =>
        new(id, "code_generator", ["code_generation"], [], "You write code.") { MaxConcurrentTasks = limit, Environments = environments };

    public static AgentCatalog Catalog(AgentHealth? health = null, int workers = 10, params AgentProfile[] agents) =>
        new(agents, workers, new OfflineAgentChatFactory(new OfflineChatClient(TimeSpan.Zero, TimeProvider.System), NullLoggerFactory.Instance),
            health ?? new AgentHealth(TimeProvider.System, TimeSpan.FromSeconds(30)));
}
