using System.Text;
using Maas.Engine.AI;
using Polly.CircuitBreaker;

namespace Maas.Providers.Http;

/// <summary>
/// The outermost handler on a provider's <see cref="HttpClient"/>, outside the transport retry: whatever is still a
/// failure after the retries (a refusal, a connection that cannot be made, an open circuit) leaves here as a
/// <see cref="ProviderException"/>, before any SDK sees it, so every SDK's failures are classified the same way.
/// A successful response passes untouched: its stream is the SDK's to read.
/// </summary>
internal sealed class ProviderFailureHandler(string provider, string? model, string? secret, TimeSpan circuitBreak, TimeProvider clock) : DelegatingHandler
{
    private const int BodyExcerptChars = 1000;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (BrokenCircuitException e)
        {
            throw new ProviderException(ProviderFailureKind.Unavailable, provider, $"{provider} is unavailable: its circuit is open after repeated failures", e)
            {
                RetryAfter = circuitBreak,
                Model = model,
            };
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw HttpFailures.Unreachable(provider, model, e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await Excerpt(response, cancellationToken);
            throw HttpFailures.FromResponse(provider, model, (int)response.StatusCode, RetryAfterHeader.Read(response, clock), body);
        }
    }

    private async Task<string> Excerpt(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            return "";
        }

        var excerpt = new StringBuilder(Math.Min(text.Length, BodyExcerptChars));
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, BodyExcerptChars)))
        {
            excerpt.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }

        return ProviderUrl.RedactSecret(excerpt.ToString().Trim(), secret);
    }
}
