using Maas.Engine.AI.Offline;

namespace Maas.Engine.Agents.Kinds;

/// <summary>Whether two names mean one programming language (<c>C#</c> and <c>csharp</c>, <c>py</c> and <c>python</c>).</summary>
internal static class Languages
{
    public static bool Same(string requested, string answered)
    {
        var a = CodeLanguages.Find(requested)?.Id ?? requested.Trim();
        var b = CodeLanguages.Find(answered)?.Id ?? answered.Trim();
        return string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
