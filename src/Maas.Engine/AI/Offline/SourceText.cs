using System.Text;

namespace Maas.Engine.AI.Offline;

/// <summary>Text shaping for generated files: single lines, code-safe text, slugs and type names.</summary>
internal static class SourceText
{
    // Quotes, backslashes, braces, '$', '#', '*', '?', '<', '>', '%' and backticks are dropped because some
    // supported language treats each as string interpolation, escaping, a comment end or a format directive;
    // keeping only these characters lets one text sit safely in every template without per-language escaping.
    private const string SafePunctuation = " .,:;-_()!/+='&@[]";

    /// <summary>Collapses all whitespace runs, newlines included, into single spaces.</summary>
    public static string SingleLine(string? text) =>
        string.Join(' ', (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Returns <paramref name="text"/> as one line safe inside any template's comment or string literal.</summary>
    public static string CodeSafe(string? text, string fallback)
    {
        var kept = new StringBuilder();
        foreach (var character in SingleLine(text))
        {
            if (char.IsLetterOrDigit(character) || SafePunctuation.Contains(character, StringComparison.Ordinal))
            {
                kept.Append(character);
            }
        }

        var safe = SingleLine(kept.ToString());
        return safe.Length == 0 ? fallback : safe;
    }

    /// <summary>Returns at most <paramref name="maxLength"/> characters without splitting a surrogate pair.</summary>
    public static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var end = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return text[..end];
    }

    /// <summary>Returns a lower-case ASCII snake_case slug of at most <paramref name="maxLength"/> characters.</summary>
    public static string Slug(string text, int maxLength, string fallback)
    {
        var slug = new StringBuilder();
        foreach (var character in text)
        {
            if (char.IsAsciiLetterOrDigit(character))
            {
                slug.Append(char.ToLowerInvariant(character));
            }
            else if (slug.Length > 0 && slug[^1] != '_')
            {
                slug.Append('_');
            }
        }

        var result = slug.ToString().Trim('_');
        if (result.Length > maxLength)
        {
            // Cutting at a word boundary keeps file names readable instead of ending mid-word.
            var boundary = result.LastIndexOf('_', maxLength);
            result = result[..(boundary > 0 ? boundary : maxLength)].Trim('_');
        }

        return result.Length == 0 ? fallback : result;
    }

    /// <summary>Turns a slug into a PascalCase identifier that is valid as a class name.</summary>
    public static string PascalCase(string slug)
    {
        var name = new StringBuilder();
        foreach (var word in slug.Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            name.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        }

        if (name.Length == 0)
        {
            return "Program";
        }

        return char.IsAsciiDigit(name[0]) ? "Task" + name : name.ToString();
    }
}
