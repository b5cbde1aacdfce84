using Maas.Engine.Agents.Registry;
using Maas.Engine.AI;
using Maas.Providers.Anthropic;
using Maas.Providers.Http;
using Maas.Providers.Ollama;
using Maas.Providers.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Maas.Providers;

public static class ChatProviders
{
    /// <summary>The name of the engine's chat telemetry (activities and metrics).</summary>
    public const string TelemetrySource = "Maas.Engine.AI";

    /// <summary>
    /// The chat provider named by <c>AI_PROVIDER</c> as the engine's <see cref="IChatClient"/> (replacing the engine's
    /// offline default) and its <see cref="ChatProviderInfo"/>, behind the library's own middleware: function
    /// invocation, OpenTelemetry without message content, and logging with message content at Trace only.
    /// </summary>
    public static IHostApplicationBuilder AddChatProviders(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ProviderOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProviderOptions>, ProviderOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddProviderHttpClient(ProviderNames.OpenAI, o => (o.OpenAIModel, o.OpenAIApiKey));
        services.AddProviderHttpClient(ProviderNames.Ollama, o => (o.OllamaModel, null));
        services.AddProviderHttpClient(ProviderNames.Anthropic, o => (o.AnthropicModel, o.AnthropicApiKey));

        Replace(services, ServiceDescriptor.Singleton<ChatProviderInfo>(sp => Info(sp.GetRequiredService<IOptions<ProviderOptions>>().Value)));
        Replace(services, ServiceDescriptor.Singleton<IChatClient>(Create));
        services.AddHttpClient(ProviderProbe.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10)).RemoveAllLoggers();
        Replace(services, ServiceDescriptor.Singleton<IAgentChatFactory, ProviderAgentChatFactory>());
        services.AddSingleton<IValidateOptions<AgentsOptions>, AgentProvidersValidator>();
        return builder;
    }

    public static ChatProviderInfo Info(ProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Normalized(options.Provider) switch
        {
            ProviderNames.OpenAI => OpenAIProvider.Info(options),
            ProviderNames.Ollama => OllamaProvider.Info(options),
            ProviderNames.Anthropic => AnthropicProvider.Info(options),
            _ => ChatProviderInfo.Offline,
        };
    }

    private static IChatClient Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ProviderOptions>>().Value;
        var info = Info(options);
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var inner = info.Name == ProviderNames.Offline
            ? services.GetRequiredKeyedService<IChatClient>(ChatProviderInfo.Offline.Name)
            : new ProviderChatClient(Remote(info.Name, options, services), info.Name, info.Model);
        loggers.CreateLogger(typeof(ChatProviders)).LogInformation("Chat provider {Provider}, model {Model}{Where}", info.Name, info.Model, Where(info.Name, options));

        return Pipeline(inner, services);
    }

    /// <summary>
    /// The library's middleware around a provider's client: function invocation (for a call that offers tools),
    /// OpenTelemetry without message content, logging.
    /// </summary>
    internal static IChatClient Pipeline(IChatClient inner, IServiceProvider services)
    {
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var toolRounds = services.GetRequiredService<IOptions<ProviderOptions>>().Value.MaxToolRounds;
        var observed = new ChatClientBuilder(inner)
            .UseOpenTelemetry(loggers, TelemetrySource, telemetry => telemetry.EnableSensitiveData = false)
            .UseLogging(loggers)
            .Build(services);
        var withTools = new ChatClientBuilder(observed)
            .UseFunctionInvocation(loggers, f => f.MaximumIterationsPerRequest = toolRounds)
            .Build(services);
        return new ToolsWhenOffered(withTools, observed);
    }

    internal static IChatClient Remote(string provider, ProviderOptions options, IServiceProvider services)
    {
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(ProviderTransport.ClientName(provider));
        return provider switch
        {
            ProviderNames.OpenAI => OpenAIProvider.Create(options, http),
            ProviderNames.Ollama => OllamaProvider.Create(options, http),
            ProviderNames.Anthropic => AnthropicProvider.Create(options, http),
            _ => throw new InvalidOperationException($"AI_PROVIDER '{provider}' is not known."),
        };
    }

    private static string Where(string provider, ProviderOptions options) => provider switch
    {
        ProviderNames.OpenAI => $" at {ProviderUrl.Redact(ProviderUrl.Parse(options.OpenAIBaseUrl)!)}, structured output {options.OpenAIStructuredOutput}",
        ProviderNames.Ollama => $" at {ProviderUrl.Redact(ProviderUrl.Parse(options.OllamaUrl)!)}",
        ProviderNames.Anthropic => $" at {ProviderUrl.Redact(ProviderUrl.Parse(options.AnthropicBaseUrl)!)}, max_tokens {options.AnthropicMaxTokens}",
        _ => "",
    };

    private static string Normalized(string provider) => provider.Trim().ToLowerInvariant();

    // The engine registers its offline defaults; the configured provider takes their place whichever was added first.
    private static void Replace(IServiceCollection services, ServiceDescriptor descriptor)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == descriptor.ServiceType && !services[i].IsKeyedService)
            {
                services.RemoveAt(i);
            }
        }

        services.Add(descriptor);
    }
}
