using Maas.Providers;
using Microsoft.Extensions.Options;

namespace Maas.Tests.Providers;

/// <summary>A wrong provider setting fails at start-up with a message naming its variable; reachability is never checked.</summary>
public sealed class ProviderOptionsValidatorTests
{
    [Theory]
    [InlineData("offline")]
    [InlineData("Offline")]
    [InlineData("OPENAI")]
    public void Accepts_the_provider_name_in_any_case(string provider)
    {
        Assert.True(Validate(new ProviderOptions { Provider = provider, OpenAIModel = "gpt-4o-mini" }).Succeeded);
    }

    [Fact]
    public void Names_ai_provider_when_it_is_unknown()
    {
        var failure = Assert.Single(Failures(new ProviderOptions { Provider = "gemini" }));

        Assert.Equal("AI_PROVIDER 'gemini' is not known; the engine has: offline, openai, ollama, anthropic.", failure);
    }

    [Fact]
    public void Accepts_an_openai_compatible_server_without_a_key()
    {
        Assert.True(Validate(new ProviderOptions { Provider = "openai", OpenAIBaseUrl = "http://127.0.0.1:8000/v1", OpenAIModel = "qwen2.5" }).Succeeded);
    }

    [Fact]
    public void Names_openai_model_when_it_is_missing()
    {
        var failure = Assert.Single(Failures(new ProviderOptions { Provider = "openai" }));

        Assert.Equal("OPENAI_MODEL is not set.", failure);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com/v1")]
    [InlineData("/v1")]
    public void Names_openai_base_url_when_it_is_malformed_without_echoing_it(string url)
    {
        var failure = Assert.Single(Failures(new ProviderOptions { Provider = "openai", OpenAIModel = "m", OpenAIBaseUrl = url }));

        Assert.Equal("OPENAI_BASE_URL is not an absolute http:// or https:// URL.", failure);
    }

    [Fact]
    public void Names_openai_structured_output_when_it_is_unknown()
    {
        var failure = Assert.Single(Failures(new ProviderOptions { Provider = "openai", OpenAIModel = "m", OpenAIStructuredOutput = "yaml" }));

        Assert.Equal("OPENAI_STRUCTURED_OUTPUT must be one of json_schema, json_object, prompt, not 'yaml'.", failure);
    }

    [Fact]
    public void Names_the_ollama_settings_that_are_wrong()
    {
        Assert.Equal(["OLLAMA_URL", "OLLAMA_MODEL"], Failures(new ProviderOptions { Provider = "ollama", OllamaUrl = "localhost:11434" }).Select(f => f.Split(' ')[0]));
    }

    [Fact]
    public void Names_the_anthropic_settings_that_are_wrong()
    {
        Assert.Equal(
            ["ANTHROPIC_BASE_URL", "ANTHROPIC_MODEL", "ANTHROPIC_API_KEY", "ANTHROPIC_MAX_TOKENS"],
            Failures(new ProviderOptions { Provider = "anthropic", AnthropicBaseUrl = "", AnthropicMaxTokens = 0 }).Select(f => f.Split(' ')[0]));
    }

    [Fact]
    public void Checks_only_the_chosen_provider()
    {
        Assert.True(Validate(new ProviderOptions { Provider = "ollama", OllamaModel = "llama3.2", OpenAIBaseUrl = "garbage", AnthropicMaxTokens = -1 }).Succeeded);
    }

    [Fact]
    public void Names_every_transport_setting_out_of_range()
    {
        var failures = Failures(new ProviderOptions
        {
            RetryAttempts = -1,
            RetryDelayMilliseconds = -1,
            RetryAfterMaxSeconds = -1,
            CircuitFailureRatio = 0,
            CircuitMinimumCalls = 1,
            CircuitSamplingSeconds = 0.1,
            CircuitBreakSeconds = 0,
        });

        Assert.Equal(
            ["PROVIDER_RETRY_ATTEMPTS", "PROVIDER_RETRY_DELAY_MS", "PROVIDER_RETRY_AFTER_MAX_SECONDS", "PROVIDER_CIRCUIT_FAILURE_RATIO", "PROVIDER_CIRCUIT_MIN_CALLS", "PROVIDER_CIRCUIT_SAMPLING_SECONDS", "PROVIDER_CIRCUIT_BREAK_SECONDS"],
            failures.Select(f => f.Split(' ')[0]));
    }

    private static ValidateOptionsResult Validate(ProviderOptions options) => new ProviderOptionsValidator().Validate(null, options);

    private static IEnumerable<string> Failures(ProviderOptions options)
    {
        var result = Validate(options);
        Assert.True(result.Failed);
        return result.Failures!;
    }
}
