namespace Maas.Engine.Agents;

/// <summary>An agent the engine can run: which task types it takes and what it can do.</summary>
/// <param name="AgentId">Stable id, reported on the wire when the platform named no agent.</param>
/// <param name="Type">The platform's agent type: <c>code_generator</c>, <c>research_agent</c>, <c>testing_agent</c>, <c>documentation</c>.</param>
/// <param name="TaskTypes">The task types it runs.</param>
/// <param name="Capabilities">What it can do, e.g. languages.</param>
/// <param name="Instructions">Its persona, the first system message; the task kind adds what to produce and in which shape.</param>
public sealed record AgentProfile(
    string AgentId,
    string Type,
    IReadOnlyList<string> TaskTypes,
    IReadOnlyList<string> Capabilities,
    string Instructions)
{
    /// <summary>The MCP servers (by name, as declared in <c>mcp_servers</c>) whose tools this agent may call.</summary>
    public IReadOnlyList<string> McpServers { get; init; } = [];
}
