using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Maas.Mcp;

/// <summary>
/// An MCP server's tool as the model sees it. Whatever goes wrong with a call (the tool reports an error, the server
/// is gone or dies during the call, no answer within the tool timeout) comes back to the model as an error result it
/// can read and work around; nothing is thrown, so a bad tool never fails the task by itself (and the function
/// invocation's limit on consecutive exceptions never applies). Only the task's own cancellation (its timeout, a
/// cancel, shutdown) ends the call by throwing.
/// </summary>
internal sealed partial class McpToolFunction(McpClientTool tool, McpConnection connection, TimeSpan timeout, ILogger logger) : DelegatingAIFunction(tool)
{
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        if (connection.Find(Name) is not { } live)
        {
            return Error($"the MCP server '{connection.Name}' is not connected; the tool cannot be used now");
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var result = await live.CallAsync(arguments, cancellationToken: limit.Token);
            return result.IsError == true ? Error(Text(result) is { Length: > 0 } text ? text : "the tool reported an error") : Content(result);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (limit.IsCancellationRequested)
            {
                LogTimedOut(Name, connection.Name, timeout.TotalSeconds);
                return Error(string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalSeconds:0.#} s (the tool timeout)"));
            }

            connection.Suspect();
            return Error("the call was abandoned: the MCP server's session closed");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // McpException is the server's refusal; anything else is the session breaking (a process that died, say).
            if (e is not McpException)
            {
                connection.Suspect();
            }

            LogFailed(Name, connection.Name, e.Message);
            return Error(e.Message);
        }
    }

    private string Error(string reason) => $"Error: the tool '{Name}' (MCP server '{connection.Name}') failed: {reason}";

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    // Plain text stays text; anything richer (images, structured content) goes to the model as the result's JSON.
    private static object Content(CallToolResult result) =>
        result.StructuredContent is null && result.Content.Count > 0 && result.Content.All(c => c is TextContentBlock)
            ? Text(result)
            : JsonSerializer.SerializeToElement(result, McpJsonUtilities.DefaultOptions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tool {Tool} of MCP server {Server} gave no answer within {Seconds:0.#} s; the model is told so")]
    private partial void LogTimedOut(string tool, string server, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tool {Tool} of MCP server {Server} failed ({Reason}); the model is told so")]
    private partial void LogFailed(string tool, string server, string reason);
}
