using Maas.Engine.AI.Offline;
using Microsoft.Extensions.AI;

namespace Maas.Engine.AI;

/// <summary>The engine's own chat client. Real providers live outside the engine (Maas.Providers) and take its place.</summary>
internal static class ChatClients
{
    public static IChatClient Offline(EngineOptions options, TimeProvider clock) =>
        new OfflineChatClient(TimeSpan.FromMilliseconds(options.OfflineAgentDelayMilliseconds), clock);
}
