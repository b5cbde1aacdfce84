using System.Text;
using System.Text.RegularExpressions;

namespace Maas.Contracts.Configuration;

/// <summary>
/// The one rule for showing a server's address to a person (errors, logs, HTTP bodies): the password is replaced by
/// <c>***</c>, everything else stays, so the address is still recognisable. It lives here, in the project every other
/// one references, so each URL variable (<c>DATABASE_URL</c>, <c>REDIS_URL</c>, a provider's base URL) follows it.
/// </summary>
public static partial class UrlRedaction
{
    /// <summary>What stands in for a secret.</summary>
    public const string Mask = "***";

    /// <summary>
    /// Hides the secrets in <paramref name="text"/>, which may be a URL, a URL that cannot be parsed, a connection
    /// string, or a message quoting any of these: the password of every <c>user:password@</c> (with or without a
    /// scheme, up to the last <c>@</c> of the word, since an unencoded <c>@</c> may belong to the password), and the
    /// value of every key or query parameter named like a secret (<c>password=</c>, <c>Pwd=</c>, <c>api_key=</c>,
    /// <c>token=</c>, <c>secret=</c>). A user name alone (<c>redis://alice@host</c>) is not a secret and stays.
    /// </summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var masked = SecretParameter().Replace(text, m => m.Groups["key"].Value + Mask);
        return masked.Contains('@', StringComparison.Ordinal) ? MaskUserInfo(masked) : masked;
    }

    private static string MaskUserInfo(string text)
    {
        var result = new StringBuilder(text.Length);
        var start = 0;
        while (start < text.Length)
        {
            var end = start;
            while (end < text.Length && !IsSeparator(text[end]))
            {
                end++;
            }

            result.Append(MaskWord(text[start..end]));
            if (end < text.Length)
            {
                result.Append(text[end]);
            }

            start = end + 1;
        }

        return result.ToString();
    }

    private static string MaskWord(string word)
    {
        var at = word.LastIndexOf('@');
        if (at < 0)
        {
            return word;
        }

        var scheme = word.IndexOf("://", StringComparison.Ordinal);
        var userStart = scheme >= 0 && scheme < at ? scheme + 3 : 0;
        var colon = word.IndexOf(':', userStart, at - userStart);
        return colon < 0 ? word : string.Concat(word.AsSpan(0, colon + 1), Mask, word.AsSpan(at));
    }

    // Quotes and brackets end a word, so a URL quoted in a message is masked like a bare one.
    private static bool IsSeparator(char c) => char.IsWhiteSpace(c) || c is '\'' or '"' or '(' or ')' or '<' or '>' or ',';

    [GeneratedRegex(@"(?<key>\b[\w-]*(?:password|pwd|secret|token|api[_-]?key)\s*=\s*)[^;&\s'"")]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretParameter();
}
