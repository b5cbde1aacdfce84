using Maas.Engine.AI;
using Microsoft.Extensions.AI;
using OllamaSharp;

namespace Maas.Providers.Ollama;

/// <summary>A local or remote Ollama server through its native <c>/api/chat</c>.</summary>
internal static class OllamaProvider
{
    public static ChatProviderInfo Info(ProviderOptions options) => new(ProviderNames.Ollama, options.OllamaModel!, StructuredOutputMode.JsonSchema);

    public static IChatClient Create(ProviderOptions options, HttpClient http)
    {
        // OllamaSharp resolves "api/chat" against the base: without a trailing slash a path prefix (a proxy's) would be dropped.
        http.BaseAddress = new Uri(ProviderUrl.Parse(options.OllamaUrl)!.ToString().TrimEnd('/') + "/");
        return new OllamaApiClient(http, options.OllamaModel!);
    }
}
