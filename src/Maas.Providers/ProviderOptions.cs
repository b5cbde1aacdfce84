using Microsoft.Extensions.Configuration;

namespace Maas.Providers;

/// <summary>Which chat provider the engine talks to and how to reach it, bound from environment variables alone.</summary>
public sealed class ProviderOptions
{
    /// <summary><c>offline</c> (default: deterministic, no network), <c>openai</c>, <c>ollama</c> or <c>anthropic</c>.</summary>
    [ConfigurationKeyName("AI_PROVIDER")]
    public string Provider { get; set; } = ProviderNames.Offline;

    /// <summary>Any OpenAI-compatible endpoint, up to and including its version segment (<c>…/v1</c>).</summary>
    [ConfigurationKeyName("OPENAI_BASE_URL")]
    public string OpenAIBaseUrl { get; set; } = DefaultOpenAIBaseUrl;

    public const string DefaultOpenAIBaseUrl = "https://api.openai.com/v1";

    /// <summary>Sent as a bearer token; may stay empty for local servers that ask for none.</summary>
    [ConfigurationKeyName("OPENAI_API_KEY")]
    public string? OpenAIApiKey { get; set; }

    [ConfigurationKeyName("OPENAI_MODEL")]
    public string? OpenAIModel { get; set; }

    /// <summary><c>json_schema</c> (default), <c>json_object</c> or <c>prompt</c>, for servers that reject <c>json_schema</c>.</summary>
    [ConfigurationKeyName("OPENAI_STRUCTURED_OUTPUT")]
    public string OpenAIStructuredOutput { get; set; } = "json_schema";

    [ConfigurationKeyName("OLLAMA_URL")]
    public string OllamaUrl { get; set; } = "http://127.0.0.1:11434";

    [ConfigurationKeyName("OLLAMA_MODEL")]
    public string? OllamaModel { get; set; }

    [ConfigurationKeyName("ANTHROPIC_API_KEY")]
    public string? AnthropicApiKey { get; set; }

    [ConfigurationKeyName("ANTHROPIC_MODEL")]
    public string? AnthropicModel { get; set; }

    [ConfigurationKeyName("ANTHROPIC_BASE_URL")]
    public string AnthropicBaseUrl { get; set; } = "https://api.anthropic.com";

    /// <summary>
    /// Anthropic requires <c>max_tokens</c> on every request; a task's answer (code with its tests, a document) needs
    /// more than the SDK's 1,024, and a request may still lower it through <c>ChatOptions.MaxOutputTokens</c>.
    /// </summary>
    [ConfigurationKeyName("ANTHROPIC_MAX_TOKENS")]
    public int AnthropicMaxTokens { get; set; } = 4096;

    /// <summary>Transport retries after the first try, on 429 and 5xx; 0 turns the transport retry off.</summary>
    [ConfigurationKeyName("PROVIDER_RETRY_ATTEMPTS")]
    public int RetryAttempts { get; set; } = 1;

    /// <summary>The transport retry's wait when the provider gives no <c>Retry-After</c> (exponential with jitter past the first retry).</summary>
    [ConfigurationKeyName("PROVIDER_RETRY_DELAY_MS")]
    public int RetryDelayMilliseconds { get; set; } = 1000;

    /// <summary>
    /// The longest <c>Retry-After</c> the transport waits out itself; a longer one fails the attempt at once with that
    /// delay, so the saga retries later instead of a worker sleeping through the task's deadline.
    /// </summary>
    [ConfigurationKeyName("PROVIDER_RETRY_AFTER_MAX_SECONDS")]
    public double RetryAfterMaxSeconds { get; set; } = 10;

    /// <summary>The share of failed calls (5xx, connection failures) in the sampling window that opens the provider's circuit.</summary>
    [ConfigurationKeyName("PROVIDER_CIRCUIT_FAILURE_RATIO")]
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Calls the sampling window must hold before the circuit may open.</summary>
    [ConfigurationKeyName("PROVIDER_CIRCUIT_MIN_CALLS")]
    public int CircuitMinimumCalls { get; set; } = 10;

    [ConfigurationKeyName("PROVIDER_CIRCUIT_SAMPLING_SECONDS")]
    public double CircuitSamplingSeconds { get; set; } = 30;

    /// <summary>How long an open circuit refuses calls; also the retry delay the platform is given meanwhile.</summary>
    [ConfigurationKeyName("PROVIDER_CIRCUIT_BREAK_SECONDS")]
    public double CircuitBreakSeconds { get; set; } = 30;

    /// <summary>
    /// Rounds of tool calls (MCP tools) the function invocation runs for one model call before the model must answer
    /// without tools; it bounds a model that would call tools forever.
    /// </summary>
    [ConfigurationKeyName("MAX_TOOL_ROUNDS")]
    public int MaxToolRounds { get; set; } = 8;

    /// <summary>
    /// These settings as one agent sees them: its <paramref name="provider"/> in place of <c>AI_PROVIDER</c>, its model
    /// and address (when it has its own) in place of the provider's variables; keys and transport settings stay shared.
    /// </summary>
    public ProviderOptions For(string provider, string? model, string? baseUrl)
    {
        var copy = (ProviderOptions)MemberwiseClone();
        copy.Provider = provider;
        switch (provider)
        {
            case ProviderNames.OpenAI:
                copy.OpenAIModel = model ?? OpenAIModel;
                copy.OpenAIBaseUrl = baseUrl ?? OpenAIBaseUrl;
                break;
            case ProviderNames.Ollama:
                copy.OllamaModel = model ?? OllamaModel;
                copy.OllamaUrl = baseUrl ?? OllamaUrl;
                break;
            case ProviderNames.Anthropic:
                copy.AnthropicModel = model ?? AnthropicModel;
                copy.AnthropicBaseUrl = baseUrl ?? AnthropicBaseUrl;
                break;
        }

        return copy;
    }

    /// <summary>The address of the provider <see cref="Provider"/> names, as configured (unchecked).</summary>
    public string? BaseUrl => Provider switch
    {
        ProviderNames.OpenAI => OpenAIBaseUrl,
        ProviderNames.Ollama => OllamaUrl,
        ProviderNames.Anthropic => AnthropicBaseUrl,
        _ => null,
    };
}
