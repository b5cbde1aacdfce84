namespace Maas.Providers;

/// <summary>Provider URLs as settings: checked once, and shown without the credentials they may carry.</summary>
public static class ProviderUrl
{
    /// <summary>An absolute http(s) URL, or null.</summary>
    public static Uri? Parse(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0
            ? uri
            : null;

    /// <summary>The URL with any user and password replaced, for logs and error messages.</summary>
    public static string Redact(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.UserInfo.Length == 0)
        {
            return uri.GetLeftPart(UriPartial.Path);
        }

        return new UriBuilder(uri) { UserName = "***", Password = "", Query = "" }.Uri.GetLeftPart(UriPartial.Path);
    }

    /// <summary>The URL without its user and password (and query, where some servers take keys).</summary>
    public static Uri WithoutCredentials(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.UserInfo.Length == 0 && uri.Query.Length == 0 ? uri : new UriBuilder(uri) { UserName = "", Password = "", Query = "" }.Uri;
    }

    /// <summary>The text with the secret blanked out, so a provider that echoes a key cannot get it into a log.</summary>
    public static string RedactSecret(string text, string? secret) =>
        string.IsNullOrEmpty(secret) || secret.Length < 4 ? text : text.Replace(secret, "***", StringComparison.Ordinal);
}
