using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace Maas.Mcp;

/// <summary>
/// An MCP server's tool as the model sees it. Whatever goes wrong with a call (the tool reports an error, the server
/// is gone or dies during the call, no answer within the tool timeout) comes back to the model as an error result it
/// can read and work around (<see cref="McpCallOutcome"/>); nothing is thrown, so a bad tool never fails the task by
/// itself (and the function invocation's limit on consecutive exceptions never applies). Only the task's own
/// cancellation (its timeout, a cancel, shutdown) ends the call by throwing.
/// </summary>
internal sealed partial class McpToolFunction(McpClientTool tool, McpConnection connection, TimeSpan timeout, ILogger logger) : DelegatingAIFunction(tool)
{
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var outcome = await Call(arguments, cancellationToken);
        switch (outcome)
        {
            case McpCallOutcome.TimedOut:
                LogTimedOut(Name, connection.Name, timeout.TotalSeconds);
                break;
            case McpCallOutcome.Refused refused:
                LogFailed(Name, connection.Name, refused.Reason);
                break;
            case McpCallOutcome.Lost lost:
                // Ping now rather than at the next interval: the server may be gone.
                connection.Suspect();
                LogFailed(Name, connection.Name, lost.Reason);
                break;
        }

        return outcome.ForModel(Name, connection.Name);
    }

    private async Task<McpCallOutcome> Call(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        // The live session's tool: a task that began before a reconnection calls the new session.
        if (connection.Find(Name) is not { } live)
        {
            return new McpCallOutcome.Lost($"the MCP server '{connection.Name}' is not connected; the tool cannot be used now");
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return McpCallOutcome.Of(await live.CallAsync(arguments, cancellationToken: limit.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return limit.IsCancellationRequested ? new McpCallOutcome.TimedOut(timeout) : new McpCallOutcome.Lost("the call was abandoned: the MCP server's session closed");
        }
        catch (McpException e)
        {
            return new McpCallOutcome.Refused(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new McpCallOutcome.Lost(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tool {Tool} of MCP server {Server} gave no answer within {Seconds:0.#} s; the model is told so")]
    private partial void LogTimedOut(string tool, string server, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tool {Tool} of MCP server {Server} failed ({Reason}); the model is told so")]
    private partial void LogFailed(string tool, string server, string reason);
}
