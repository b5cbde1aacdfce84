using System.Globalization;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Maas.Mcp;

/// <summary>
/// What one tool call came to, as a closed set; each case decides, in <see cref="ForModel"/>, what the model reads.
/// Every case but <see cref="Answered"/> reads <c>Error: the tool 'name' (MCP server 'server') failed: reason</c>.
/// </summary>
internal abstract record McpCallOutcome
{
    private McpCallOutcome()
    {
    }

    /// <summary>The tool's result: text as text, anything richer (images, structured content) as the result's JSON.</summary>
    public sealed record Answered(object Content) : McpCallOutcome;

    /// <summary>The tool or its server refused the call (a tool error, an unknown argument).</summary>
    public sealed record Refused(string Reason) : McpCallOutcome;

    /// <summary>No answer within the tool timeout; the call was cancelled on the server.</summary>
    public sealed record TimedOut(TimeSpan Limit) : McpCallOutcome;

    /// <summary>The server is not connected, or its session broke during the call (a process that died, say).</summary>
    public sealed record Lost(string Reason) : McpCallOutcome;

    public static McpCallOutcome Of(CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IsError == true)
        {
            return new Refused(Text(result) is { Length: > 0 } text ? text : "the tool reported an error");
        }

        return new Answered(result.StructuredContent is null && result.Content.Count > 0 && result.Content.All(c => c is TextContentBlock)
            ? Text(result)
            : JsonSerializer.SerializeToElement(result, McpJsonUtilities.DefaultOptions));
    }

    /// <summary>The function result the model receives for this outcome of <paramref name="tool"/> on <paramref name="server"/>.</summary>
    public object ForModel(string tool, string server) => this switch
    {
        Answered answered => answered.Content,
        Refused refused => Error(tool, server, refused.Reason),
        TimedOut timedOut => Error(tool, server, string.Create(CultureInfo.InvariantCulture, $"no answer within {timedOut.Limit.TotalSeconds:0.#} s (the tool timeout)")),
        Lost lost => Error(tool, server, lost.Reason),
        _ => throw new InvalidOperationException($"Unknown outcome {this}"),
    };

    private static string Error(string tool, string server, string reason) => $"Error: the tool '{tool}' (MCP server '{server}') failed: {reason}";

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));
}
