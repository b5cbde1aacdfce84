using Anthropic;
using Anthropic.Core;
using Maas.Engine.AI;
using Microsoft.Extensions.AI;

namespace Maas.Providers.Anthropic;

/// <summary>Anthropic's Messages API through the official SDK's <see cref="IChatClient"/>.</summary>
internal static class AnthropicProvider
{
    public static ChatProviderInfo Info(ProviderOptions options) => new(ProviderNames.Anthropic, options.AnthropicModel!, StructuredOutputMode.JsonSchema);

    public static IChatClient Create(ProviderOptions options, HttpClient http)
    {
        var client = new AnthropicClient(new ClientOptions
        {
            ApiKey = options.AnthropicApiKey,
            BaseUrl = ProviderUrl.Parse(options.AnthropicBaseUrl)!.ToString().TrimEnd('/'),
            HttpClient = http,
            // The provider's HttpClient retries; the task's deadline bounds the call, not the SDK's 10-minute default.
            MaxRetries = 0,
            Timeout = Timeout.InfiniteTimeSpan,
        });
        return client.AsIChatClient(options.AnthropicModel, options.AnthropicMaxTokens);
    }
}
