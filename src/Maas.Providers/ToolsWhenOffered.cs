using Microsoft.Extensions.AI;

namespace Maas.Providers;

/// <summary>
/// Function invocation for a call that offers tools, and only for one: the library's function-invoking client opens an
/// <c>orchestrate_tools</c> span around every call, which for an agent without MCP tools was a span in each task's
/// trace holding nothing but the one model call.
/// </summary>
internal sealed class ToolsWhenOffered(IChatClient withTools, IChatClient withoutTools) : DelegatingChatClient(withTools)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Offers(options) ? base.GetResponseAsync(messages, options, cancellationToken) : withoutTools.GetResponseAsync(messages, options, cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Offers(options) ? base.GetStreamingResponseAsync(messages, options, cancellationToken) : withoutTools.GetStreamingResponseAsync(messages, options, cancellationToken);

    private static bool Offers(ChatOptions? options) => options?.Tools is { Count: > 0 };
}
