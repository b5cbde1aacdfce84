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
        http.BaseAddress = ProviderUrl.Parse(options.OllamaUrl);
        return new OllamaApiClient(http, options.OllamaModel!);
    }
}
