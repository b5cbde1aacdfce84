using Microsoft.Extensions.Options;

namespace Maas.Providers;

/// <summary>Checks the provider settings at start-up; every message names the variable to fix. Reachability is not checked: a provider that is down must not stop the engine.</summary>
internal sealed class ProviderOptionsValidator : IValidateOptions<ProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, ProviderOptions options)
    {
        var failures = new List<string>();
        switch (options.Provider.Trim().ToLowerInvariant())
        {
            case ProviderNames.Offline:
                break;
            case ProviderNames.OpenAI:
                Url(failures, "OPENAI_BASE_URL", options.OpenAIBaseUrl);
                Required(failures, "OPENAI_MODEL", options.OpenAIModel);
                if (StructuredOutputModes.Parse(options.OpenAIStructuredOutput) is null)
                {
                    failures.Add($"OPENAI_STRUCTURED_OUTPUT must be one of {string.Join(", ", StructuredOutputModes.Names)}, not '{options.OpenAIStructuredOutput}'.");
                }

                break;
            case ProviderNames.Ollama:
                Url(failures, "OLLAMA_URL", options.OllamaUrl);
                Required(failures, "OLLAMA_MODEL", options.OllamaModel);
                break;
            case ProviderNames.Anthropic:
                Url(failures, "ANTHROPIC_BASE_URL", options.AnthropicBaseUrl);
                Required(failures, "ANTHROPIC_MODEL", options.AnthropicModel);
                Required(failures, "ANTHROPIC_API_KEY", options.AnthropicApiKey);
                if (options.AnthropicMaxTokens < 1)
                {
                    failures.Add($"ANTHROPIC_MAX_TOKENS must be at least 1, not {options.AnthropicMaxTokens}.");
                }

                break;
            default:
                failures.Add($"AI_PROVIDER '{options.Provider}' is not known; the engine has: {string.Join(", ", ProviderNames.All)}.");
                break;
        }

        Transport(failures, options);
        if (options.MaxToolRounds is < 1 or > 100)
        {
            failures.Add($"MAX_TOOL_ROUNDS must be between 1 and 100, not {options.MaxToolRounds}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Transport(List<string> failures, ProviderOptions options)
    {
        if (options.RetryAttempts is < 0 or > 10)
        {
            failures.Add($"PROVIDER_RETRY_ATTEMPTS must be between 0 and 10, not {options.RetryAttempts}.");
        }

        if (options.RetryDelayMilliseconds is < 0 or > 60_000)
        {
            failures.Add($"PROVIDER_RETRY_DELAY_MS must be between 0 and 60000, not {options.RetryDelayMilliseconds}.");
        }

        if (options.RetryAfterMaxSeconds is < 0 or > 600)
        {
            failures.Add($"PROVIDER_RETRY_AFTER_MAX_SECONDS must be between 0 and 600, not {options.RetryAfterMaxSeconds}.");
        }

        // The circuit breaker's own bounds (Polly refuses anything else when the pipeline is built).
        if (options.CircuitFailureRatio is <= 0 or > 1)
        {
            failures.Add($"PROVIDER_CIRCUIT_FAILURE_RATIO must be above 0 and at most 1, not {options.CircuitFailureRatio}.");
        }

        if (options.CircuitMinimumCalls < 2)
        {
            failures.Add($"PROVIDER_CIRCUIT_MIN_CALLS must be at least 2, not {options.CircuitMinimumCalls}.");
        }

        if (options.CircuitSamplingSeconds is < 0.5 or > 86_400)
        {
            failures.Add($"PROVIDER_CIRCUIT_SAMPLING_SECONDS must be between 0.5 and 86400, not {options.CircuitSamplingSeconds}.");
        }

        if (options.CircuitBreakSeconds is < 0.5 or > 86_400)
        {
            failures.Add($"PROVIDER_CIRCUIT_BREAK_SECONDS must be between 0.5 and 86400, not {options.CircuitBreakSeconds}.");
        }
    }

    private static void Required(List<string> failures, string variable, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{variable} is not set.");
        }
    }

    private static void Url(List<string> failures, string variable, string? value)
    {
        if (ProviderUrl.Parse(value) is null)
        {
            // The value itself is not echoed: a URL may carry a password.
            failures.Add($"{variable} is not an absolute http:// or https:// URL.");
        }
    }
}
