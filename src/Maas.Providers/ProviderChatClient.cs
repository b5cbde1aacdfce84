using System.ClientModel;
using System.Runtime.CompilerServices;
using Anthropic.Exceptions;
using Maas.Engine.AI;
using Maas.Providers.Http;
using Microsoft.Extensions.AI;

namespace Maas.Providers;

/// <summary>
/// The edge of a provider's SDK client. Failures that do not pass through the provider's HttpClient as a refusal (a
/// connection lost while the answer streams, an SDK raising its own error for a status) leave as
/// <see cref="ProviderException"/> too, classified by <see cref="HttpFailures"/>; cancellation passes untouched. The
/// client's metadata shows its URL without credentials, since the logging middleware prints it.
/// </summary>
internal sealed class ProviderChatClient(IChatClient inner, string provider, string? model) : DelegatingChatClient(inner)
{
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        base.GetService(serviceType, serviceKey) is ChatClientMetadata { ProviderUri: { } uri } metadata
            ? new ChatClientMetadata(metadata.ProviderName, ProviderUrl.WithoutCredentials(uri), metadata.DefaultModelId)
            : base.GetService(serviceType, serviceKey);

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception e) when (Translate(e, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            ChatResponseUpdate update;
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    yield break;
                }

                update = updates.Current;
            }
            catch (Exception e) when (Translate(e, cancellationToken) is { } failure)
            {
                throw failure;
            }

            yield return update;
        }
    }

    private ProviderException? Translate(Exception e, CancellationToken cancellationToken) => e switch
    {
        ProviderException or OperationCanceledException => null,
        _ when cancellationToken.IsCancellationRequested => null,
        ClientResultException { Status: > 0 } r => HttpFailures.FromResponse(provider, model, r.Status, null, r.Message, e),
        AnthropicApiException a => HttpFailures.FromResponse(provider, model, (int)a.StatusCode, null, a.ResponseBody, e),
        HttpRequestException { StatusCode: { } status } h => HttpFailures.FromResponse(provider, model, (int)status, null, h.Message, e),
        HttpRequestException or IOException or ClientResultException or AnthropicIOException => HttpFailures.Unreachable(provider, model, e),
        _ => null,
    };
}
