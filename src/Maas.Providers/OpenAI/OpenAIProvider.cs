using System.ClientModel;
using System.ClientModel.Primitives;
using Maas.Engine.AI;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace Maas.Providers.OpenAI;

/// <summary>Any OpenAI-compatible chat completions endpoint (OpenAI, Azure OpenAI v1, vLLM, llama.cpp, LM Studio, Ollama's <c>/v1</c>).</summary>
internal static class OpenAIProvider
{
    public static ChatProviderInfo Info(ProviderOptions options) =>
        new(ProviderNames.OpenAI, options.OpenAIModel!, StructuredOutputModes.Parse(options.OpenAIStructuredOutput)!.Value);

    public static IChatClient Create(ProviderOptions options, HttpClient http)
    {
        var clientOptions = new OpenAIClientOptions
        {
            // The SDK appends "/chat/completions": a base written with a trailing slash would double it.
            Endpoint = new Uri(ProviderUrl.Parse(options.OpenAIBaseUrl)!.ToString().TrimEnd('/')),
            Transport = new HttpClientPipelineTransport(http),
            // The provider's HttpClient retries; a second retry loop inside the SDK would multiply the waits.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The task's deadline bounds the call (its cancellation token), not the SDK's 100-second default.
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        var key = options.OpenAIApiKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            key = NoAuthentication.Placeholder;
            clientOptions.AddPolicy(new NoAuthentication(), PipelinePosition.BeforeTransport);
        }

        return new ChatClient(options.OpenAIModel, new ApiKeyCredential(key), clientOptions).AsIChatClient();
    }
}
