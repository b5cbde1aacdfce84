namespace Maas.Tests.Infrastructure.Providers;

/// <summary>What a scripted provider server answers to one request, in whatever wire format the server speaks.</summary>
public abstract record ScriptedReply
{
    /// <summary>The model's answer (JSON or not, valid or not: it is the test's text) with the usage the provider reports.</summary>
    public sealed record Answer(string Text, int InputTokens, int OutputTokens, string? Model = null) : ScriptedReply;

    /// <summary>The model asks for tool calls instead of answering (OpenAI's <c>tool_calls</c>), with the usage the provider reports and any text it writes beside them.</summary>
    public sealed record ToolCalls(IReadOnlyList<ScriptedToolCall> Calls, int InputTokens, int OutputTokens, string? Text = null) : ScriptedReply;

    /// <summary>An HTTP refusal with the provider's own error body.</summary>
    public sealed record Failure(int Status, string Body, TimeSpan? RetryAfter = null) : ScriptedReply;

    /// <summary>Starts a successful streamed answer, then drops the connection mid-stream.</summary>
    public sealed record CutMidAnswer : ScriptedReply;

    /// <summary>Waits (server side) before answering, to be slower than a timeout.</summary>
    public sealed record Slow(TimeSpan Delay, ScriptedReply Then) : ScriptedReply;
}
