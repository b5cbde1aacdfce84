using Maas.Engine.Agents.Kinds;

namespace Maas.Engine.Agents.Registry;

/// <summary>The platform's agent types: the task type each stands for and the persona an agent of it has unless configured otherwise.</summary>
public static class AgentTypes
{
    public const string CodeGenerator = "code_generator";
    public const string ResearchAgent = "research_agent";
    public const string TestingAgent = "testing_agent";
    public const string Documentation = "documentation";

    private static readonly Dictionary<string, (string TaskType, string Persona)> _types = new(StringComparer.Ordinal)
    {
        [CodeGenerator] = (TaskKinds.CodeGeneration.Name, "You are a senior software engineer who writes complete, idiomatic, working code."),
        [ResearchAgent] = (TaskKinds.Research.Name, "You are a careful researcher who separates what is known from what is guessed and never invents a source."),
        [TestingAgent] = (TaskKinds.Testing.Name, "You are a test engineer who writes focused tests that fail when the behaviour is wrong."),
        [Documentation] = (TaskKinds.Documentation.Name, "You are a technical writer who writes clear, well-structured Markdown."),
    };

    public static IReadOnlyCollection<string> Names => _types.Keys;

    public static bool IsKnown(string? type) => type is not null && _types.ContainsKey(type);

    public static string TaskType(string type) => _types[type].TaskType;

    public static string Persona(string type) => _types[type].Persona;
}
