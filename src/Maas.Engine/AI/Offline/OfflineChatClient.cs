using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Maas.Engine.AI.Offline;

/// <summary>
/// A deterministic <see cref="IChatClient"/> that answers engine tasks without any network access,
/// used when no real AI provider is configured.
/// </summary>
/// <remarks>
/// The client expects a System message with instructions and a User message whose text is
/// <c>{"task_type": "...", "input_data": {...}}</c>; it answers with one assistant message whose text is
/// the task's <c>output_data</c> as a JSON object. It never pretends to be a real model: the model id is
/// always <see cref="OfflineModelId"/>, whatever <see cref="ChatOptions.ModelId"/> asks for.
/// </remarks>
public sealed class OfflineChatClient : IChatClient
{
    /// <summary>The model id and provider name the client reports everywhere.</summary>
    public const string OfflineModelId = "offline";

    private readonly ChatClientMetadata _metadata = new(OfflineModelId, null, OfflineModelId);
    private readonly TimeSpan _responseDelay;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="OfflineChatClient"/> class.</summary>
    /// <param name="responseDelay">
    /// How long to wait before answering, so benchmarks can simulate a slow model; zero answers at once.
    /// </param>
    /// <param name="timeProvider">
    /// The clock for the delay and for <see cref="ChatResponse.CreatedAt"/>; <see cref="TimeProvider.System"/> when null.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="responseDelay"/> is negative.</exception>
    public OfflineChatClient(TimeSpan responseDelay = default, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(responseDelay, TimeSpan.Zero);
        _responseDelay = responseDelay;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="messages"/> holds no User message.</exception>
    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var prompt = OfflinePrompt.From(messages);
        return RespondAsync(prompt, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="messages"/> holds no User message.</exception>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var prompt = OfflinePrompt.From(messages);
        return StreamAsync(prompt, cancellationToken);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private async Task<ChatResponse> RespondAsync(OfflinePrompt prompt, CancellationToken cancellationToken)
    {
        await Task.Delay(_responseDelay, _timeProvider, cancellationToken);
        return OfflineReply.Create(prompt, _timeProvider.GetUtcNow()).ToResponse();
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        OfflinePrompt prompt,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(_responseDelay, _timeProvider, cancellationToken);
        foreach (var update in OfflineReply.Create(prompt, _timeProvider.GetUtcNow()).ToUpdates())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return update;
        }
    }
}
