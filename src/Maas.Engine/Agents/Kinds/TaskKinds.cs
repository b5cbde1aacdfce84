using System.Collections.Frozen;

namespace Maas.Engine.Agents.Kinds;

/// <summary>The task kinds the engine runs, found by task type whatever its case.</summary>
public static class TaskKinds
{
    public static CodeGenerationKind CodeGeneration { get; } = new();

    public static ResearchKind Research { get; } = new();

    public static TestingKind Testing { get; } = new();

    public static DocumentationKind Documentation { get; } = new();

    private static readonly FrozenDictionary<string, TaskKind> _byName =
        new TaskKind[] { CodeGeneration, Research, Testing, Documentation }.ToFrozenDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyCollection<TaskKind> All => _byName.Values;

    /// <summary>The kind for <paramref name="taskType"/>, or null when the engine runs no such tasks.</summary>
    public static TaskKind? Find(string taskType) => _byName.GetValueOrDefault(taskType);
}
