using Maas.Engine.Agents.Registry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Maas.Providers;

/// <summary>
/// Checks that every configured agent can reach a model: a known provider, a model (its own or the provider's
/// variable), a usable address and, for Anthropic, a key. One line per problem, naming the entry and the setting to fix.
/// </summary>
internal sealed class AgentProvidersValidator(IConfiguration configuration) : IValidateOptions<AgentsOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentsOptions options)
    {
        // Bound here, not validated: wrong provider variables are the provider settings' lines, not these.
        var shared = new ProviderOptions();
        try
        {
            configuration.Bind(shared);
        }
        catch (InvalidOperationException)
        {
            shared = new ProviderOptions();
        }

        var failures = new List<string>();
        for (var i = 0; i < options.Agents.Count; i++)
        {
            var agent = options.Agents[i];
            var entry = AgentsOptions.Entry(i, agent);
            var provider = (string.IsNullOrWhiteSpace(agent.Provider) ? shared.Provider : agent.Provider).Trim().ToLowerInvariant();
            if (!ProviderNames.All.Contains(provider))
            {
                failures.Add($"{entry}: provider '{provider}' is not known; the engine has: {string.Join(", ", ProviderNames.All)}.");
                continue;
            }

            if (provider == ProviderNames.Offline)
            {
                continue;
            }

            var settings = shared.For(provider, string.IsNullOrWhiteSpace(agent.Model) ? null : agent.Model, string.IsNullOrWhiteSpace(agent.BaseUrl) ? null : agent.BaseUrl);
            var (modelVariable, model, urlVariable) = provider switch
            {
                ProviderNames.OpenAI => ("OPENAI_MODEL", settings.OpenAIModel, "OPENAI_BASE_URL"),
                ProviderNames.Ollama => ("OLLAMA_MODEL", settings.OllamaModel, "OLLAMA_URL"),
                _ => ("ANTHROPIC_MODEL", settings.AnthropicModel, "ANTHROPIC_BASE_URL"),
            };
            if (string.IsNullOrWhiteSpace(model))
            {
                failures.Add($"{entry}: provider {provider} has no model: set the agent's model or {modelVariable}.");
            }

            if (ProviderUrl.Parse(settings.BaseUrl) is null)
            {
                // The value itself is not echoed: a URL may carry a password.
                failures.Add(string.IsNullOrWhiteSpace(agent.BaseUrl)
                    ? $"{entry}: provider {provider} has no usable address: {urlVariable} is not an absolute http:// or https:// URL."
                    : $"{entry}: base_url is not an absolute http:// or https:// URL.");
            }

            if (provider == ProviderNames.Anthropic && string.IsNullOrWhiteSpace(settings.AnthropicApiKey))
            {
                failures.Add($"{entry}: provider anthropic needs ANTHROPIC_API_KEY.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
