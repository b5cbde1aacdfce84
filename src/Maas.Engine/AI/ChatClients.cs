using Maas.Engine.AI.Offline;
using Microsoft.Extensions.AI;

namespace Maas.Engine.AI;

/// <summary>Builds the chat client agents talk to, from <c>AI_PROVIDER</c>.</summary>
internal static class ChatClients
{
    public static IChatClient Create(EngineOptions options, TimeProvider clock) => options.AiProvider.ToLowerInvariant() switch
    {
        "offline" => new OfflineChatClient(TimeSpan.FromMilliseconds(options.OfflineAgentDelayMilliseconds), clock),
        var other => throw new InvalidOperationException($"AI_PROVIDER '{other}' is not known."),
    };
}
