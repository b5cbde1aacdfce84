using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Maas.Engine.Tasks;

/// <summary>
/// Maps the platform's free-text task id to the saga's correlation id: a name-based (RFC 4122 version 5) GUID,
/// so every engine instance maps the same task to the same saga row without asking anyone.
/// </summary>
public static class TaskIds
{
    // Fixed for all time: changing it would orphan every saga row already stored.
    private static readonly Guid Namespace = new("6f1c4b7e-3a0d-5e8b-9c2f-41d7a8e0b5c3");

    [SuppressMessage("Security", "CA5350:Do not use weak cryptographic algorithms", Justification = "RFC 4122 version 5 is defined on SHA-1; this is an identifier, not a secret.")]
    public static Guid ToCorrelationId(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);

        var nameLength = Encoding.UTF8.GetByteCount(taskId);
        var buffer = nameLength <= 512 ? stackalloc byte[16 + nameLength] : new byte[16 + nameLength];
        Namespace.TryWriteBytes(buffer, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(taskId, buffer[16..]);

        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(buffer, hash);

        var guid = hash[..16];
        guid[6] = (byte)((guid[6] & 0x0F) | 0x50);
        guid[8] = (byte)((guid[8] & 0x3F) | 0x80);
        return new Guid(guid, bigEndian: true);
    }
}
