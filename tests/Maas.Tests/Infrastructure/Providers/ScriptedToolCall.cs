using System.Text.Json.Nodes;

namespace Maas.Tests.Infrastructure.Providers;

/// <summary>One tool call a scripted model asks for: the tool's name and its arguments.</summary>
public sealed record ScriptedToolCall(string Name, JsonObject Arguments)
{
    public static ScriptedReply Calls(params ScriptedToolCall[] calls) => new ScriptedReply.ToolCalls(calls, 100, 20);

    public static ScriptedReply Call(string name, JsonObject? arguments = null) => Calls(new ScriptedToolCall(name, arguments ?? []));
}
