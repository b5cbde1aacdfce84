using Microsoft.Extensions.Configuration;

namespace Maas.Mcp;

/// <summary>One entry of <c>mcp_servers</c>: an MCP server whose tools agents may call.</summary>
public sealed class McpServerOptions
{
    /// <summary>The server's name, unique; agents list servers by it (<c>agents[].mcp_servers</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary><c>stdio</c> (the engine starts <see cref="Command"/> and speaks MCP on its standard input and output) or <c>http</c> (streamable HTTP at <see cref="Url"/>).</summary>
    public string Transport { get; set; } = "";

    /// <summary>stdio: the program to start, e.g. <c>npx</c> or <c>dotnet</c>.</summary>
    public string? Command { get; set; }

    /// <summary>stdio: its arguments.</summary>
    public List<string> Args { get; set; } = [];

    /// <summary>stdio: environment variables for it, on top of a minimal inherited set (PATH, HOME, ...): the engine's own secrets are not passed on.</summary>
    public Dictionary<string, string> Env { get; set; } = [];

    /// <summary>http: the server's MCP endpoint, e.g. <c>http://127.0.0.1:9000/mcp</c>.</summary>
    public string? Url { get; set; }

    /// <summary>
    /// Seconds one call of this server's tools may take (<c>MCP_TOOL_TIMEOUT_SECONDS</c> when unset). Text, not a
    /// number, so a wrong value is named by the settings check rather than failing the configuration binder.
    /// </summary>
    [ConfigurationKeyName("tool_timeout_seconds")]
    public string? ToolTimeoutSeconds { get; set; }
}
