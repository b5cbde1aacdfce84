using Maas.Engine.Agents;
using Maas.Engine.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Maas.Providers;

/// <summary>
/// Each agent's chat client on its own provider and model, behind the same middleware as the engine's default client.
/// Agents on one provider share its HttpClient, so its transport retry and circuit breaker count all their calls.
/// </summary>
internal sealed partial class ProviderAgentChatFactory(IServiceProvider services, IOptions<ProviderOptions> options, ILoggerFactory loggers) : IAgentChatFactory
{
    private readonly ILogger _logger = loggers.CreateLogger<ProviderAgentChatFactory>();

    public AgentChat Create(AgentProfile agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var settings = options.Value.For(agent.Provider, agent.Model, agent.BaseUrl);
        var info = ChatProviders.Info(settings);
        var fallback = new StructuredOutputFallback(info, loggers.CreateLogger<StructuredOutputFallback>());
        if (info.Name == ProviderNames.Offline)
        {
            var offline = ChatProviders.Pipeline(services.GetRequiredKeyedService<IChatClient>(ChatProviderInfo.Offline.Name), services);
            return new AgentChat(offline, info, fallback, info.Name, OfflineProbe.Instance);
        }

        var where = ProviderUrl.Redact(ProviderUrl.Parse(settings.BaseUrl)!);
        LogAgent(agent.AgentId, info.Name, info.Model, where);
        var inner = new ProviderChatClient(ChatProviders.Remote(info.Name, settings, services), info.Name, info.Model);
        var probe = new ProviderProbe(services.GetRequiredService<IHttpClientFactory>().CreateClient(ProviderProbe.ClientName), settings);
        return new AgentChat(ChatProviders.Pipeline(inner, services), info, fallback, $"{info.Name} {where}", probe);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId}: provider {Provider}, model {Model} at {Where}")]
    private partial void LogAgent(string agentId, string provider, string model, string where);

    private sealed class OfflineProbe : IProviderProbe
    {
        public static OfflineProbe Instance { get; } = new();

        public Task<string?> Probe(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
    }
}
