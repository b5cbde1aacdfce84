namespace Maas.Engine.AI.Offline;

/// <summary>The supported languages, found by id or common alias.</summary>
internal static class CodeLanguages
{
    /// <summary>The language used when a task names none.</summary>
    public const string DefaultId = "python";

    private static readonly CodeLanguage[] _all =
    [
        new("python", "Python", ".py", false, "#"),
        new("javascript", "JavaScript", ".js", false, "//"),
        new("typescript", "TypeScript", ".ts", false, "//"),
        new("java", "Java", ".java", true, "//"),
        new("csharp", "C#", ".cs", true, "//"),
        new("go", "Go", ".go", false, "//"),
        new("rust", "Rust", ".rs", false, "//"),
        new("ruby", "Ruby", ".rb", false, "#"),
        new("bash", "Bash", ".sh", false, "#"),
        new("c", "C", ".c", false, "//"),
        new("cpp", "C++", ".cpp", false, "//"),
        new("php", "PHP", ".php", false, "//"),
        new("kotlin", "Kotlin", ".kt", true, "//"),
        new("swift", "Swift", ".swift", true, "//"),
    ];

    private static readonly Dictionary<string, string> _aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["py"] = "python",
        ["python3"] = "python",
        ["js"] = "javascript",
        ["node"] = "javascript",
        ["nodejs"] = "javascript",
        ["ts"] = "typescript",
        ["c#"] = "csharp",
        ["cs"] = "csharp",
        ["golang"] = "go",
        ["rs"] = "rust",
        ["rb"] = "ruby",
        ["sh"] = "bash",
        ["shell"] = "bash",
        ["c++"] = "cpp",
        ["cxx"] = "cpp",
        ["kt"] = "kotlin",
    };

    /// <summary>Finds the language named <paramref name="name"/>, or returns null when it has no templates.</summary>
    public static CodeLanguage? Find(string name)
    {
        var id = _aliases.TryGetValue(name.Trim(), out var canonical) ? canonical : name.Trim();
        return Array.Find(_all, language => string.Equals(language.Id, id, StringComparison.OrdinalIgnoreCase));
    }
}
