using System.Net.Http.Headers;
using Maas.Engine.AI;

namespace Maas.Providers;

/// <summary>
/// Asks a provider for its model listing (<c>GET {base}/models</c> for OpenAI-compatible servers, Ollama's
/// <c>GET /api/tags</c>, Anthropic's <c>GET /v1/models</c>): free, and answered only by a server that is up and takes
/// the key. On a client of its own without retry or circuit, so probing neither hides nor skews the calls' statistics.
/// </summary>
internal sealed class ProviderProbe(HttpClient http, ProviderOptions options) : IProviderProbe
{
    public const string ClientName = "maas-provider-probe";

    public async Task<string?> Probe(CancellationToken cancellationToken)
    {
        using var request = Request();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"{options.Provider} answered {(int)response.StatusCode} to {request.RequestUri!.AbsolutePath}";
        }
        catch (HttpRequestException e)
        {
            return $"{options.Provider} is unreachable ({e.HttpRequestError})";
        }
    }

    private HttpRequestMessage Request()
    {
        var root = ProviderUrl.Parse(options.BaseUrl)!.ToString().TrimEnd('/');
        switch (options.Provider)
        {
            case ProviderNames.Ollama:
                return new HttpRequestMessage(HttpMethod.Get, root + "/api/tags");
            case ProviderNames.Anthropic:
                var anthropic = new HttpRequestMessage(HttpMethod.Get, root + "/v1/models");
                anthropic.Headers.Add("x-api-key", options.AnthropicApiKey);
                anthropic.Headers.Add("anthropic-version", "2023-06-01");
                return anthropic;
            default:
                var openai = new HttpRequestMessage(HttpMethod.Get, root + "/models");
                if (!string.IsNullOrWhiteSpace(options.OpenAIApiKey))
                {
                    openai.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.OpenAIApiKey);
                }

                return openai;
        }
    }
}
