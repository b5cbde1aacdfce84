namespace Maas.Engine.Agents;

/// <summary>An agent the engine can run: which task types it takes, what it can do, and on which model.</summary>
/// <param name="AgentId">Stable id, reported on the wire when the platform named no agent.</param>
/// <param name="Type">The platform's agent type: <c>code_generator</c>, <c>research_agent</c>, <c>testing_agent</c>, <c>documentation</c>.</param>
/// <param name="TaskTypes">The task types it runs.</param>
/// <param name="Capabilities">What it can do, e.g. languages and frameworks; matched against a task's <c>language</c> and <c>framework</c>.</param>
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
    /// <summary>Its chat provider as <c>AI_PROVIDER</c> spells it.</summary>
    public string Provider { get; init; } = "offline";

    /// <summary>Its model; null takes the provider's own model variable (e.g. <c>OPENAI_MODEL</c>).</summary>
    public string? Model { get; init; }

    /// <summary>The provider's address for this agent; null takes the provider's own variable (e.g. <c>OPENAI_BASE_URL</c>).</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Tasks it may run at once on this instance (never more than <c>MAX_CONCURRENT_TASKS</c>).</summary>
    public int MaxConcurrentTasks { get; init; } = int.MaxValue;

    /// <summary>Sampling temperature sent with every call; null leaves the provider's default.</summary>
    public float? Temperature { get; init; }

    /// <summary>The environment ids it serves; empty when it serves all.</summary>
    public IReadOnlyList<string> Environments { get; init; } = [];
}
