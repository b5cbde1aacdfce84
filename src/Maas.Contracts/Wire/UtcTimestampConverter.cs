using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Maas.Contracts.Wire;

/// <summary>
/// Timestamps as the platform's pydantic models write them: UTC, six fraction digits and <c>Z</c>
/// (<c>2025-06-14T05:51:38.986513Z</c>). Reads any ISO-8601 form: <c>Z</c>, <c>+00:00</c>, other offsets, or none
/// (taken as UTC), with or without fractions.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    private const string WireFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            throw new JsonException($"'{text}' is not an ISO-8601 timestamp.");
        }

        return value.ToUniversalTime();
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> buffer = stackalloc char[32];
        value.UtcDateTime.TryFormat(buffer, out var written, WireFormat, CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..written]);
    }

    /// <summary>Formats a timestamp the way the wire does, for places that are not JSON (logs, headers).</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(WireFormat, CultureInfo.InvariantCulture);
}
