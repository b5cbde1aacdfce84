using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Maas.Contracts;

/// <summary>
/// Name-based (RFC 4122 version 5) GUIDs: the same namespace and name give the same GUID on every machine, so every
/// engine instance derives the same id for the same thing without asking anyone.
/// </summary>
public static class NameBasedGuid
{
    private const int StackLimit = 512;

    /// <summary>The version 5 GUID of <paramref name="name"/> (as UTF-8) in <paramref name="namespaceId"/>.</summary>
    [SuppressMessage("Security", "CA5350:Do not use weak cryptographic algorithms", Justification = "RFC 4122 version 5 is defined on SHA-1; this is an identifier, not a secret.")]
    public static Guid Create(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        var nameLength = Encoding.UTF8.GetByteCount(name);
        var buffer = nameLength <= StackLimit ? stackalloc byte[16 + nameLength] : new byte[16 + nameLength];
        namespaceId.TryWriteBytes(buffer, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, buffer[16..]);

        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(buffer, hash);

        var guid = hash[..16];
        guid[6] = (byte)((guid[6] & 0x0F) | 0x50);
        guid[8] = (byte)((guid[8] & 0x3F) | 0x80);
        return new Guid(guid, bigEndian: true);
    }
}
