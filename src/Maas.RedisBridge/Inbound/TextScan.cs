using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Maas.Contracts.Wire;

namespace Maas.RedisBridge.Inbound;

/// <summary>
/// One pass over a request's JSON that finds every string and key the engine could neither read as text nor store
/// in PostgreSQL: invalid UTF-8, unpaired surrogate escapes, NUL characters (raw or <c>\u0000</c>). System.Text.Json
/// does not check UTF-8 inside strings when it parses (it throws later, when a string is read), so this is checked
/// here, once, before anything reads a string. Each finding names its field by path (<see cref="Path"/>).
/// A message of plain valid UTF-8 with no <c>\u</c> escape and no NUL byte cannot hold any of these, so it is not scanned.
/// </summary>
internal static class TextScan
{
    /// <summary>At most this many findings are listed; the answer says how many more there were.</summary>
    public const int MaxErrors = 16;

    public const string NulError = "Contains a NUL character (\\u0000), which the engine cannot store";
    public const string Utf8Error = "Is not valid UTF-8";
    public const string SurrogateError = "Contains an unpaired surrogate escape (not valid Unicode)";

    private const int StackBufferBytes = 256;

    /// <summary>What the scan found.</summary>
    /// <param name="Errors">Up to <see cref="MaxErrors"/> findings, in document order.</param>
    /// <param name="Count">How many findings there were in all.</param>
    /// <param name="TaskIdUnreadable">The envelope's <c>task_id</c> is not valid text: nobody can be answered.</param>
    internal sealed record Result(IReadOnlyList<ValidationError> Errors, int Count, bool TaskIdUnreadable)
    {
        public static Result Clean { get; } = new([], 0, false);
    }

    private struct Frame
    {
        public bool IsArray;
        public int Index;
        public int NameStart;
        public int NameLength;
    }

    /// <summary>Whether a string token can be decoded at all (escapes are decoded, and checked, by the reader itself).</summary>
    public static bool IsReadable(ReadOnlySpan<byte> raw, bool escaped) => escaped || Utf8.IsValid(raw);

    public static bool NeedsScan(ReadOnlySpan<byte> body) =>
        body.IndexOf((byte)0) >= 0 || body.IndexOf("\\u"u8) >= 0 || !Utf8.IsValid(body);

    public static Result Scan(ReadOnlySpan<byte> body, int maxDepth)
    {
        if (!NeedsScan(body))
        {
            return Result.Clean;
        }

        var errors = new List<ValidationError>();
        var count = 0;
        var taskIdUnreadable = false;
        var frames = new List<Frame>();
        var atTaskId = false;
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth });

        void Found(ReadOnlySpan<byte> text, List<Frame> path, string error)
        {
            count++;
            if (errors.Count < MaxErrors)
            {
                errors.Add(new ValidationError(Path(text, path), error));
            }
        }

        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token is not (JsonTokenType.PropertyName or JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.Comment)
                    && frames.Count > 0 && frames[^1].IsArray)
                {
                    var top = frames[^1];
                    top.Index++;
                    frames[^1] = top;
                }

                switch (token)
                {
                    case JsonTokenType.StartObject:
                        frames.Add(new Frame { NameLength = -1 });
                        atTaskId = false;
                        break;
                    case JsonTokenType.StartArray:
                        frames.Add(new Frame { IsArray = true, Index = -1 });
                        atTaskId = false;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                    {
                        var top = frames[^1];
                        body.Overlaps(reader.ValueSpan, out top.NameStart);
                        top.NameLength = reader.ValueSpan.Length;
                        frames[^1] = top;
                        atTaskId = frames.Count == 1 && reader.ValueTextEquals("task_id"u8);
                        if (Check(ref reader) is { } error)
                        {
                            Found(body, frames, error);
                        }

                        break;
                    }

                    case JsonTokenType.String:
                        if (Check(ref reader) is { } problem)
                        {
                            Found(body, frames, problem);
                            taskIdUnreadable |= atTaskId && problem != NulError;
                        }

                        atTaskId = false;
                        break;
                    default:
                        atTaskId = false;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the caller's parse says so. A raw NUL byte is one way to get here; name where it stopped.
            if (body.IndexOf((byte)0) >= 0)
            {
                Found(body, frames, NulError);
            }
        }

        return new Result(errors, count, taskIdUnreadable);
    }

    private static string? Check(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            // The reader refuses raw control characters in strings, so only the encoding can be wrong here.
            return Utf8.IsValid(raw) ? null : Utf8Error;
        }

        byte[]? rented = null;
        var buffer = raw.Length <= StackBufferBytes ? stackalloc byte[StackBufferBytes] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            int written;
            try
            {
                written = reader.CopyString(buffer);
            }
            catch (InvalidOperationException)
            {
                return Utf8.IsValid(raw) ? SurrogateError : Utf8Error;
            }

            var text = buffer[..written];
            return !Utf8.IsValid(text) ? Utf8Error : text.IndexOf((byte)0) >= 0 ? NulError : null;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The path of the value (or key) the reader is on, in the syntax the README documents: names joined by <c>.</c>,
    /// array positions as <c>[2]</c> (from 0), a name that is not plain letters, digits and <c>_</c> as
    /// <c>["name"]</c> written as it came (escapes kept, invalid bytes as U+FFFD); relative to <c>data</c>
    /// (<c>input_data.files[2].content</c>), envelope fields bare (<c>task_id</c>).
    /// </summary>
    private static string Path(ReadOnlySpan<byte> body, List<Frame> frames)
    {
        var path = new StringBuilder();
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            if (frame.IsArray)
            {
                path.Append('[').Append(frame.Index).Append(']');
                continue;
            }

            if (frame.NameLength < 0)
            {
                continue;
            }

            var name = body.Slice(frame.NameStart, frame.NameLength);
            if (i == 0 && name.SequenceEqual("data"u8) && HasMore(frames, 1))
            {
                continue;
            }

            if (IsPlain(name))
            {
                if (path.Length > 0)
                {
                    path.Append('.');
                }

                path.Append(Encoding.ASCII.GetString(name));
            }
            else
            {
                path.Append("[\"").Append(Encoding.UTF8.GetString(name)).Append("\"]");
            }
        }

        return path.Length == 0 ? "message" : path.ToString();
    }

    private static bool HasMore(List<Frame> frames, int from)
    {
        for (var i = from; i < frames.Count; i++)
        {
            if (frames[i].IsArray ? frames[i].Index >= 0 : frames[i].NameLength >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPlain(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }

        foreach (var b in name)
        {
            if (!(b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'_'))
            {
                return false;
            }
        }

        return true;
    }
}
