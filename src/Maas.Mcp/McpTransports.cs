namespace Maas.Mcp;

/// <summary>The transports a server may be declared with.</summary>
public static class McpTransports
{
    public const string Stdio = "stdio";

    /// <summary>MCP's streamable HTTP.</summary>
    public const string Http = "http";

    public static readonly IReadOnlyList<string> All = [Stdio, Http];
}
