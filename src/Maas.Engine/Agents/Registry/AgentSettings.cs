using Microsoft.Extensions.Configuration;

namespace Maas.Engine.Agents.Registry;

/// <summary>One entry of the <c>agents</c> configuration section (appsettings, <c>AGENTS_FILE</c> or <c>agents__0__agent_id</c> variables).</summary>
public sealed class AgentSettings
{
    [ConfigurationKeyName("agent_id")]
    public string? AgentId { get; set; }

    /// <summary><c>code_generator</c>, <c>research_agent</c>, <c>testing_agent</c> or <c>documentation</c>.</summary>
    [ConfigurationKeyName("type")]
    public string? Type { get; set; }

    /// <summary>The task types it runs; empty takes the one its type stands for.</summary>
    [ConfigurationKeyName("task_types")]
    public List<string> TaskTypes { get; set; } = [];

    [ConfigurationKeyName("languages")]
    public List<string> Languages { get; set; } = [];

    [ConfigurationKeyName("frameworks")]
    public List<string> Frameworks { get; set; } = [];

    /// <summary>A provider of <c>AI_PROVIDER</c>'s list; empty takes <c>AI_PROVIDER</c>.</summary>
    [ConfigurationKeyName("provider")]
    public string? Provider { get; set; }

    /// <summary>Overrides the provider's model variable (<c>OPENAI_MODEL</c>, <c>OLLAMA_MODEL</c>, <c>ANTHROPIC_MODEL</c>).</summary>
    [ConfigurationKeyName("model")]
    public string? Model { get; set; }

    /// <summary>Overrides the provider's URL variable (<c>OPENAI_BASE_URL</c>, <c>OLLAMA_URL</c>, <c>ANTHROPIC_BASE_URL</c>); its key stays the provider's.</summary>
    [ConfigurationKeyName("base_url")]
    public string? BaseUrl { get; set; }

    /// <summary>Tasks it may run at once on this instance; none: <c>MAX_CONCURRENT_TASKS</c>.</summary>
    [ConfigurationKeyName("max_concurrent_tasks")]
    public int? MaxConcurrentTasks { get; set; }

    [ConfigurationKeyName("system_prompt")]
    public string? SystemPrompt { get; set; }

    [ConfigurationKeyName("temperature")]
    public double? Temperature { get; set; }

    /// <summary>Environment ids it serves; none: all.</summary>
    [ConfigurationKeyName("environments")]
    public List<string> Environments { get; set; } = [];

    /// <summary>Names of <c>mcp_servers</c> entries whose tools it may use.</summary>
    [ConfigurationKeyName("mcp_servers")]
    public List<string> McpServers { get; set; } = [];
}
