using System.Text.Json;
using Maas.Contracts.Wire;

namespace Maas.RedisBridge.Inbound;

/// <summary>
/// Reads one message of the health channel. It never throws. A <c>health_check</c> asks nothing but an answer, so only
/// the envelope's <c>message_type</c> and <c>source</c> matter: its <c>data</c>, timestamp and id may be anything.
/// </summary>
internal static class HealthCheckReader
{
    // A health check is a few hundred bytes; a larger message is not one, and is not parsed.
    public const int MaxBytes = 64 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static HealthCheckMessage Read(ReadOnlySpan<byte> body)
    {
        if (body.Length > MaxBytes)
        {
            return new HealthCheckMessage.Malformed($"{body.Length} bytes, over the {MaxBytes}-byte limit of a health check");
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), DocumentOptions);
            return Read(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return new HealthCheckMessage.Malformed($"not JSON: {e.Message}");
        }
    }

    private static HealthCheckMessage Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new HealthCheckMessage.Malformed($"a JSON {root.ValueKind}, not an object");
        }

        var source = Text(root, "source");
        if (source == MessageSources.Engine)
        {
            return new HealthCheckMessage.Ignored("the engine's own message");
        }

        return Text(root, "message_type") switch
        {
            MessageTypes.HealthCheck => new HealthCheckMessage.Request(source, Text(root, "message_id")),
            null => new HealthCheckMessage.Malformed("no message_type"),
            var other => new HealthCheckMessage.Ignored($"a {other}, not a {MessageTypes.HealthCheck}"),
        };
    }

    private static string? Text(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 or an unpaired surrogate escape: text that cannot be read reads as absent.
            return null;
        }
    }
}
