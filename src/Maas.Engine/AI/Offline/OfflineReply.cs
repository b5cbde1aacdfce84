using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace Maas.Engine.AI.Offline;

/// <summary>One computed answer, shaped either as a whole response or as streaming updates.</summary>
internal sealed class OfflineReply
{
    private const int StreamingChunkCount = 4;
    private const int ResponseIdHashBytes = 8;

    private readonly string _text;
    private readonly string _responseId;
    private readonly long _inputTokens;
    private readonly long _outputTokens;
    private readonly DateTimeOffset _createdAt;

    private OfflineReply(string text, string responseId, long inputTokens, DateTimeOffset createdAt)
    {
        _text = text;
        _responseId = responseId;
        _inputTokens = inputTokens;
        _outputTokens = TokenCounter.Count(text);
        _createdAt = createdAt;
    }

    /// <summary>Answers <paramref name="prompt"/> as of <paramref name="createdAt"/>.</summary>
    public static OfflineReply Create(OfflinePrompt prompt, DateTimeOffset createdAt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(prompt.UserText));
        var responseId = "offline-" + Convert.ToHexStringLower(hash.AsSpan(0, ResponseIdHashBytes));
        return new OfflineReply(OfflineTaskResponder.Respond(prompt.UserText), responseId, prompt.InputTokenCount, createdAt);
    }

    /// <summary>Builds the non-streaming response.</summary>
    public ChatResponse ToResponse()
    {
        var message = new ChatMessage(ChatRole.Assistant, _text) { MessageId = _responseId, CreatedAt = _createdAt };
        return new ChatResponse(message)
        {
            ResponseId = _responseId,
            ModelId = OfflineChatClient.OfflineModelId,
            CreatedAt = _createdAt,
            FinishReason = ChatFinishReason.Stop,
            Usage = CreateUsage(),
        };
    }

    /// <summary>Builds the streaming updates: the text in a few chunks, then the usage.</summary>
    public IEnumerable<ChatResponseUpdate> ToUpdates()
    {
        foreach (var chunk in Chunk(_text))
        {
            yield return Stamp(new ChatResponseUpdate(ChatRole.Assistant, chunk));
        }

        var usage = Stamp(new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(CreateUsage())]));
        usage.FinishReason = ChatFinishReason.Stop;
        yield return usage;
    }

    private static IEnumerable<string> Chunk(string text)
    {
        var size = Math.Max(1, (text.Length + StreamingChunkCount - 1) / StreamingChunkCount);
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(text.Length, start + size);
            if (end < text.Length && char.IsHighSurrogate(text[end - 1]))
            {
                // Splitting a surrogate pair would leave each chunk holding invalid UTF-16.
                end++;
            }

            yield return text[start..end];
            start = end;
        }
    }

    private ChatResponseUpdate Stamp(ChatResponseUpdate update)
    {
        update.ResponseId = _responseId;
        update.MessageId = _responseId;
        update.ModelId = OfflineChatClient.OfflineModelId;
        update.CreatedAt = _createdAt;
        return update;
    }

    private UsageDetails CreateUsage() => new()
    {
        InputTokenCount = _inputTokens,
        OutputTokenCount = _outputTokens,
        TotalTokenCount = _inputTokens + _outputTokens,
    };
}
