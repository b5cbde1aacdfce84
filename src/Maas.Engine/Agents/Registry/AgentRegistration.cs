using Maas.Engine.Agents.Health;
using Maas.Engine.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Agents.Registry;

internal static class AgentRegistration
{
    /// <summary>The agents from configuration, their chat clients (offline until a provider adapter takes the factory's place) and their health.</summary>
    public static IServiceCollection AddAgentRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentsOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentsOptions>, AgentsOptionsValidator>();
        services.AddSingleton(sp => new AgentHealth(sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<AgentsOptions>>().Value.FailureCooldownSeconds)));
        services.TryAddSingleton<IAgentChatFactory>(sp => new OfflineAgentChatFactory(
            sp.GetRequiredKeyedService<IChatClient>(ChatProviderInfo.Offline.Name), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp =>
        {
            var engine = sp.GetRequiredService<IOptions<EngineOptions>>().Value;
            var profiles = AgentRegistry.Build(sp.GetRequiredService<IOptions<AgentsOptions>>().Value, engine.AiProvider);
            return new AgentCatalog(profiles, engine.MaxConcurrentTasks, sp.GetRequiredService<IAgentChatFactory>(), sp.GetRequiredService<AgentHealth>());
        });
        services.AddHostedService<AgentHealthProbe>();
        return services;
    }
}
