namespace Maas.Tests.Infrastructure.Telemetry;

/// <summary>
/// A small reader of the protobuf wire format, enough to walk OTLP requests without their generated classes: the
/// fields of one message, each a varint, a fixed 32/64-bit value or a length-delimited payload (a string, bytes or a
/// nested message, which the caller knows from the schema).
/// </summary>
public static class ProtoFields
{
    public readonly record struct Field(int Number, int WireType, ulong Scalar, ReadOnlyMemory<byte> Bytes)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Bytes.Span);

        public string Hex => Convert.ToHexStringLower(Bytes.Span);
    }

    public static List<Field> Read(ReadOnlyMemory<byte> message)
    {
        var fields = new List<Field>();
        var span = message.Span;
        var position = 0;
        while (position < span.Length)
        {
            var key = Varint(span, ref position);
            var number = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    fields.Add(new Field(number, wireType, Varint(span, ref position), default));
                    break;
                case 1:
                    fields.Add(new Field(number, wireType, BitConverter.ToUInt64(span.Slice(position, 8)), default));
                    position += 8;
                    break;
                case 2:
                    var length = checked((int)Varint(span, ref position));
                    fields.Add(new Field(number, wireType, 0, message.Slice(position, length)));
                    position += length;
                    break;
                case 5:
                    fields.Add(new Field(number, wireType, BitConverter.ToUInt32(span.Slice(position, 4)), default));
                    position += 4;
                    break;
                default:
                    throw new FormatException($"wire type {wireType} at byte {position} is not one OTLP uses");
            }
        }

        return fields;
    }

    /// <summary>The nested messages (or strings) in field <paramref name="number"/>.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Nested(this List<Field> fields, int number) =>
        fields.Where(f => f.Number == number && f.WireType == 2).Select(f => f.Bytes);

    private static ulong Varint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = span[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("varint longer than 10 bytes");
    }
}
