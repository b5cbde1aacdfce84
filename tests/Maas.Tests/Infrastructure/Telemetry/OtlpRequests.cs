namespace Maas.Tests.Infrastructure.Telemetry;

/// <summary>
/// What an OTLP export request says, read with <see cref="ProtoFields"/> along the OTLP schema
/// (opentelemetry/proto/collector/{trace,metrics}/v1): resource attributes, spans with their ids, names and string
/// attributes, and metric names.
/// </summary>
public static class OtlpRequests
{
    public sealed record Span(string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes);

    /// <summary>The spans of an <c>ExportTraceServiceRequest</c>, each with its resource's attributes.</summary>
    public static IEnumerable<(IReadOnlyDictionary<string, string> Resource, Span Span)> Spans(ReadOnlyMemory<byte> request)
    {
        foreach (var resourceSpans in ProtoFields.Read(request).Nested(1))
        {
            var fields = ProtoFields.Read(resourceSpans);
            var resource = fields.Nested(1).Select(r => Attributes(ProtoFields.Read(r), 1)).FirstOrDefault() ?? new Dictionary<string, string>();
            foreach (var scopeSpans in fields.Nested(2))
            {
                foreach (var span in ProtoFields.Read(scopeSpans).Nested(2))
                {
                    var s = ProtoFields.Read(span);
                    yield return (resource, new Span(
                        Bytes(s, 1), Bytes(s, 2), Bytes(s, 4),
                        s.FirstOrDefault(f => f.Number == 5).Text ?? "",
                        Attributes(s, 9)));
                }
            }
        }
    }

    /// <summary>The metric names of an <c>ExportMetricsServiceRequest</c>.</summary>
    public static IEnumerable<string> MetricNames(ReadOnlyMemory<byte> request) =>
        from resourceMetrics in ProtoFields.Read(request).Nested(1)
        from scopeMetrics in ProtoFields.Read(resourceMetrics).Nested(2)
        from metric in ProtoFields.Read(scopeMetrics).Nested(2)
        select ProtoFields.Read(metric).First(f => f.Number == 1).Text;

    private static string Bytes(List<ProtoFields.Field> fields, int number) =>
        fields.FirstOrDefault(f => f.Number == number && f.WireType == 2) is { Bytes.Length: > 0 } field ? field.Hex : "";

    // KeyValue { key = 1; AnyValue value = 2 }, AnyValue { string_value = 1; bool_value = 2; int_value = 3; ... }
    private static Dictionary<string, string> Attributes(List<ProtoFields.Field> fields, int number)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var keyValue in fields.Nested(number))
        {
            var kv = ProtoFields.Read(keyValue);
            var key = kv.First(f => f.Number == 1).Text;
            var value = kv.Nested(2).Select(ProtoFields.Read).FirstOrDefault();
            attributes[key] = value?.FirstOrDefault() is { } any
                ? any.Number switch { 1 => any.Text, 3 => ((long)any.Scalar).ToString(System.Globalization.CultureInfo.InvariantCulture), 2 => (any.Scalar != 0).ToString(), _ => "" }
                : "";
        }

        return attributes;
    }
}
