using Maas.Engine.Agents.Kinds;

namespace Maas.Engine.Agents.Registry;

/// <summary>The agent profiles configuration asks for, or the stock ones when it asks for none.</summary>
public static class AgentRegistry
{
    /// <summary>
    /// The configured agents, or with none one stock agent per task type on <paramref name="defaultProvider"/>
    /// (<c>AI_PROVIDER</c>); their ids name the provider, so an offline run never passes for a real model.
    /// </summary>
    public static IReadOnlyList<AgentProfile> Build(AgentsOptions options, string defaultProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        var provider = defaultProvider.Trim().ToLowerInvariant();
        return options.Agents.Count == 0 ? Defaults(provider) : [.. options.Agents.Select(a => Profile(a, provider))];
    }

    public static IReadOnlyList<AgentProfile> Defaults(string provider) =>
    [
        Stock($"code_generator_{provider}", AgentTypes.CodeGenerator, provider,
            ["python", "javascript", "typescript", "java", "csharp", "go", "rust", "api_development"]),
        Stock($"research_agent_{provider}", AgentTypes.ResearchAgent, provider, ["summarization", "analysis"]),
        Stock($"testing_agent_{provider}", AgentTypes.TestingAgent, provider, ["pytest", "unit_testing"]),
        Stock($"documentation_{provider}", AgentTypes.Documentation, provider, ["markdown", "api_docs"]),
    ];

    private static AgentProfile Stock(string id, string type, string provider, IReadOnlyList<string> capabilities) =>
        new(id, type, [AgentTypes.TaskType(type)], capabilities, AgentTypes.Persona(type)) { Provider = provider };

    private static AgentProfile Profile(AgentSettings settings, string defaultProvider)
    {
        var type = settings.Type!;
        IReadOnlyList<string> taskTypes = settings.TaskTypes.Count > 0
            ? [.. settings.TaskTypes.Select(t => TaskKinds.Find(t)!.Name)]
            : [AgentTypes.TaskType(type)];
        return new AgentProfile(settings.AgentId!, type, taskTypes,
            [.. settings.Languages.Concat(settings.Frameworks).Distinct(StringComparer.OrdinalIgnoreCase)],
            string.IsNullOrWhiteSpace(settings.SystemPrompt) ? AgentTypes.Persona(type) : settings.SystemPrompt)
        {
            Provider = string.IsNullOrWhiteSpace(settings.Provider) ? defaultProvider : settings.Provider.Trim().ToLowerInvariant(),
            Model = string.IsNullOrWhiteSpace(settings.Model) ? null : settings.Model,
            BaseUrl = string.IsNullOrWhiteSpace(settings.BaseUrl) ? null : settings.BaseUrl,
            MaxConcurrentTasks = settings.MaxConcurrentTasks ?? int.MaxValue,
            Temperature = settings.Temperature is { } t ? (float)t : null,
            Environments = [.. settings.Environments],
            McpServers = [.. settings.McpServers],
        };
    }
}
