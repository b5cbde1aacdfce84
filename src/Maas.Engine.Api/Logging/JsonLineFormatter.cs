using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Maas.Engine.Api.Logging;

/// <summary>
/// <c>LOG_FORMAT=json</c>: one flat JSON object a line, <c>timestamp</c> (UTC, ISO-8601, microseconds), <c>level</c> (the
/// <c>LOG_LEVEL</c> names), <c>category</c>, <c>message</c>, then every property of the entry and of its scopes as a
/// snake_case field (<c>task_id</c>, <c>agent_id</c>, <c>attempt</c>, <c>duration_ms</c>, and <c>trace_id</c>/<c>span_id</c>
/// when an Activity is current), the first value of a name winning, and <c>exception</c> (type, message and stack, one
/// escaped string). The built-in JSON formatter writes no timestamp unless told a format and nests state and scopes in
/// objects of their own, which log shippers cannot index by task; this one is a few fields over a reused buffer.
/// </summary>
internal sealed class JsonLineFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "maas-json";

    // A name cache bounded in case a library logs with generated property names.
    private const int MaxCachedNames = 1024;

    private static readonly ConcurrentDictionary<string, string> SnakeNames = new(StringComparer.Ordinal);

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Log text is read by people and shippers, not embedded in HTML: non-ASCII stays readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static LineBuffer? t_line;

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var line = t_line ??= new LineBuffer();
        line.Reset();
        var writer = line.Writer;
        writer.WriteStartObject();
        Span<char> time = stackalloc char[32];
        DateTime.UtcNow.TryFormat(time, out var written, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        writer.WriteString("timestamp", time[..written]);
        writer.WriteString("level", LevelName(logEntry.LogLevel));
        writer.WriteString("category", logEntry.Category);
        writer.WriteString("message", message ?? "");

        if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> properties)
        {
            for (var i = 0; i < properties.Count; i++)
            {
                line.WriteProperty(properties[i]);
            }
        }

        scopeProvider?.ForEachScope(static (scope, target) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> properties)
            {
                foreach (var property in properties)
                {
                    target.WriteProperty(property);
                }
            }
        }, line);

        if (logEntry.Exception is { } exception)
        {
            writer.WriteString("exception", exception.ToString());
        }

        writer.WriteEndObject();
        writer.Flush();
        line.CopyTo(textWriter);
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRITICAL",
        _ => "NONE",
    };

    private static string SnakeName(string name)
    {
        if (SnakeNames.TryGetValue(name, out var snake))
        {
            return snake;
        }

        snake = JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
        if (SnakeNames.Count < MaxCachedNames)
        {
            SnakeNames.TryAdd(name, snake);
        }

        return snake;
    }

    /// <summary>One thread's buffer and writer, reused line after line.</summary>
    private sealed class LineBuffer
    {
        private readonly ArrayBufferWriter<byte> _bytes = new(1024);
        private readonly HashSet<string> _written = new(StringComparer.Ordinal);

        public LineBuffer() => Writer = new Utf8JsonWriter(_bytes, WriterOptions);

        public Utf8JsonWriter Writer { get; }

        public void Reset()
        {
            _bytes.ResetWrittenCount();
            Writer.Reset(_bytes);
            _written.Clear();
        }

        public void WriteProperty(KeyValuePair<string, object?> property)
        {
            // The template itself is in "message" already.
            if (property.Key is "{OriginalFormat}" || property.Key.Length == 0)
            {
                return;
            }

            var name = SnakeName(property.Key);
            if (name is "timestamp" or "level" or "category" or "message" or "exception" || !_written.Add(name))
            {
                return;
            }

            switch (property.Value)
            {
                case null:
                    Writer.WriteNull(name);
                    break;
                case string text:
                    Writer.WriteString(name, text);
                    break;
                case bool flag:
                    Writer.WriteBoolean(name, flag);
                    break;
                case int number:
                    Writer.WriteNumber(name, number);
                    break;
                case long number:
                    Writer.WriteNumber(name, number);
                    break;
                case double number when double.IsFinite(number):
                    Writer.WriteNumber(name, number);
                    break;
                case decimal number:
                    Writer.WriteNumber(name, number);
                    break;
                case DateTimeOffset time:
                    Writer.WriteString(name, time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
                    break;
                case IFormattable formattable:
                    Writer.WriteString(name, formattable.ToString(null, CultureInfo.InvariantCulture));
                    break;
                default:
                    Writer.WriteString(name, property.Value.ToString());
                    break;
            }
        }

        public void CopyTo(TextWriter textWriter)
        {
            var bytes = _bytes.WrittenSpan;
            var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(bytes.Length));
            try
            {
                var count = Encoding.UTF8.GetChars(bytes, chars);
                textWriter.Write(chars, 0, count);
                textWriter.Write(Environment.NewLine);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }
    }
}
