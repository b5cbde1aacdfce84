using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Api.Security;

/// <summary>
/// The one place a presented key is compared with the configured ones. Both sides are reduced to SHA-256 digests and
/// compared with <see cref="CryptographicOperations.FixedTimeEquals"/>: digests have one length, so neither a key's
/// length nor how many of its leading bytes match can be read from the time an answer takes; and every configured key
/// is compared, matched or not, so neither can which of them matched.
/// </summary>
internal sealed class ApiKeys
{
    private readonly byte[][] _digests;

    public ApiKeys(IOptions<ApiAccessOptions> options) => _digests = [.. options.Value.Keys.Select(Digest)];

    /// <summary>False when no key is configured: the API is open.</summary>
    public bool Required => _digests.Length > 0;

    /// <summary>The key's name (<c>key-1</c>, <c>key-2</c>... in the order configured) when <paramref name="presented"/> is one of them; never the key itself.</summary>
    public string? Find(string presented)
    {
        var digest = Digest(presented);
        string? found = null;
        for (var i = 0; i < _digests.Length; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, _digests[i]))
            {
                found = $"key-{i + 1}";
            }
        }

        return found;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
