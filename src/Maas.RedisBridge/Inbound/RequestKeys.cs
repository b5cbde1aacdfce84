using System.Security.Cryptography;

namespace Maas.RedisBridge.Inbound;

/// <summary>
/// What identifies one request among every copy of it that instances hear, for the <c>message_id</c> of an answer
/// the bridge gives itself: the envelope's <c>timestamp</c> as sent (the platform's own request identity, see the
/// duplicate rule), or, without one, a digest of the message's bytes (every instance receives the same bytes).
/// </summary>
internal static class RequestKeys
{
    public static string Of(string? timestamp, ReadOnlySpan<byte> body) =>
        timestamp ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
}
