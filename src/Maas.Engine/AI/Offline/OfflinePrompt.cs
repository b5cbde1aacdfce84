using Microsoft.Extensions.AI;

namespace Maas.Engine.AI.Offline;

/// <summary>The part of a conversation the offline client answers: the task text and the input size.</summary>
/// <param name="UserText">The text of the last User message, which carries the task.</param>
/// <param name="InputTokenCount">The tokens of every message, system instructions included.</param>
internal sealed record OfflinePrompt(string UserText, long InputTokenCount)
{
    /// <summary>Reads the task and the input size from the messages.</summary>
    /// <exception cref="ArgumentException">No message has the User role.</exception>
    public static OfflinePrompt From(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        string? userText = null;
        long inputTokens = 0;
        foreach (var message in messages)
        {
            inputTokens += message.Role == ChatRole.System ? TokenCounter.CountRecurring(message.Text) : TokenCounter.Count(message.Text);
            if (message.Role == ChatRole.User)
            {
                // The agent may resend history, so the newest User message is the task to answer.
                userText = message.Text;
            }
        }

        return userText is null
            ? throw new ArgumentException("The offline chat client needs a User message carrying the task.", nameof(messages))
            : new OfflinePrompt(userText, inputTokens);
    }
}
