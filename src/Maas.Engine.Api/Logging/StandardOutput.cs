using System.Text;

namespace Maas.Engine.Api.Logging;

/// <summary>
/// The log's standard output: lines are appended to a buffer in memory and written every <see cref="FlushInterval"/>
/// and when the process exits, never a write system call a line nor a thread woken a line (README, "Logs"). A line
/// reaches the terminal or the log shipper at most <see cref="FlushInterval"/> late; a process killed with SIGKILL
/// loses what the buffer held. Writing happens outside the lock lines are appended under, so a reader that is slow
/// (a terminal, a log shipper) never blocks the threads that log: past <see cref="MaxPendingChars"/> lines are
/// dropped, and the next write says how many.
/// </summary>
internal sealed class StandardOutput : IDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>What may wait for a slow reader (8 MiB of text) before lines are dropped.</summary>
    public const int MaxPendingChars = 4 * 1024 * 1024;

    private readonly Lock _appending = new();
    private readonly Lock _writing = new();
    private readonly Stream _out;
    private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private readonly byte[] _bytes = new byte[64 * 1024];
    private readonly Timer _flusher;
    private StringBuilder _pending = new();
    private StringBuilder _spare = new();
    private long _dropped;

    /// <summary>An output written to <paramref name="output"/> every <paramref name="flushInterval"/> (infinite: on <see cref="Flush"/> only).</summary>
    internal StandardOutput(Stream output, TimeSpan flushInterval)
    {
        _out = output;
        _flusher = new Timer(_ => Flush(), null, flushInterval, flushInterval);
    }

    /// <summary>The process's one standard output for logs.</summary>
    public static StandardOutput Instance { get; } = Open();

    /// <summary>Appends a formatted entry (its own line ending included); dropped and counted while the buffer is full.</summary>
    public void Append(StringBuilder entry)
    {
        lock (_appending)
        {
            if (_pending.Length + entry.Length > MaxPendingChars)
            {
                _dropped++;
                return;
            }

            _pending.Append(entry);
        }
    }

    /// <summary>Writes what is buffered (the timer, the process's exit, a refusal at start).</summary>
    public void Flush()
    {
        lock (_writing)
        {
            StringBuilder batch;
            long dropped;
            lock (_appending)
            {
                (batch, _pending, _spare) = (_pending, _spare, _pending);
                (dropped, _dropped) = (_dropped, 0);
            }

            try
            {
                if (dropped > 0)
                {
                    batch.Append(FormattableString.Invariant($"[{dropped} log lines dropped: standard output was not read fast enough]{Environment.NewLine}"));
                }

                foreach (var chunk in batch.GetChunks())
                {
                    Write(chunk.Span);
                }

                _out.Flush();
            }
            catch (IOException)
            {
                // Nobody reads standard output any more (a closed pipe); there is nowhere to say so.
            }
            finally
            {
                batch.Clear();
            }
        }
    }

    public void Dispose()
    {
        _flusher.Dispose();
        Flush();
    }

    private static StandardOutput Open()
    {
        var output = new StandardOutput(Console.OpenStandardOutput(), FlushInterval);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => output.Flush();
        return output;
    }

    private void Write(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            _encoder.Convert(text, _bytes, flush: false, out var used, out var written, out _);
            _out.Write(_bytes, 0, written);
            text = text[used..];
        }
    }
}
