using System.Globalization;
using Microsoft.Extensions.Options;

namespace Maas.Mcp;

/// <summary>
/// Checks <c>mcp_servers</c> at start-up, one line per problem, each naming the entry (<c>mcp_servers[1] (files)</c>).
/// Whether a server is up is not checked: one that is down must not stop the engine.
/// </summary>
internal sealed class McpOptionsValidator : IValidateOptions<McpOptions>
{
    public ValidateOptionsResult Validate(string? name, McpOptions options)
    {
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Servers.Count; i++)
        {
            Check(failures, options.Servers[i], i, names);
        }

        Positive(failures, "MCP_TOOL_TIMEOUT_SECONDS", options.ToolTimeoutSeconds, 86_400);
        Positive(failures, "MCP_CONNECT_TIMEOUT_SECONDS", options.ConnectTimeoutSeconds, 3_600);
        Positive(failures, "MCP_RECONNECT_MAX_SECONDS", options.ReconnectMaxSeconds, 3_600);
        Positive(failures, "MCP_PING_INTERVAL_SECONDS", options.PingIntervalSeconds, 3_600);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, McpServerOptions server, int index, HashSet<string> names)
    {
        var entry = string.IsNullOrWhiteSpace(server.Name) ? $"mcp_servers[{index}]" : $"mcp_servers[{index}] ({server.Name})";
        if (string.IsNullOrWhiteSpace(server.Name))
        {
            failures.Add($"{entry}.name is not set.");
        }
        else if (!names.Add(server.Name))
        {
            failures.Add($"{entry}.name '{server.Name}' is used by an earlier entry; server names must be unique.");
        }

        switch (server.Transport.Trim().ToLowerInvariant())
        {
            case McpTransports.Stdio:
                if (string.IsNullOrWhiteSpace(server.Command))
                {
                    failures.Add($"{entry}.command is not set (the program to start for the stdio transport).");
                }

                break;
            case McpTransports.Http:
                if (!Uri.TryCreate(server.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    // The value is not echoed: a URL may carry a password or a token.
                    failures.Add($"{entry}.url is not an absolute http:// or https:// URL.");
                }

                break;
            default:
                failures.Add($"{entry}.transport must be one of {string.Join(", ", McpTransports.All)}, not '{server.Transport}'.");
                break;
        }

        if (server.ToolTimeoutSeconds is { } timeout && McpOptions.ParseSeconds(timeout) is null)
        {
            failures.Add($"{entry}.tool_timeout_seconds must be a number of seconds above 0, not '{timeout}'.");
        }
    }

    private static void Positive(List<string> failures, string variable, double value, double max)
    {
        if (value is <= 0 || value > max || !double.IsFinite(value))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{variable} must be above 0 and at most {max}, not {value}."));
        }
    }
}
