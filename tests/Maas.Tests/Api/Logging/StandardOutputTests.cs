using System.Text;
using Maas.Engine.Api.Logging;

namespace Maas.Tests.Api.Logging;

/// <summary>
/// The log's standard output against a reader that stops reading (a full pipe): the threads that log never wait for
/// it, lines beyond the buffer's bound are dropped, and the output says how many once the reader is back.
/// </summary>
public sealed class StandardOutputTests
{
    [Fact]
    public async Task Lines_logged_while_the_reader_is_stuck_are_kept_up_to_the_bound_then_dropped_and_counted_never_blocking()
    {
        using var reader = new StuckStream();
        using var output = new StandardOutput(reader, Timeout.InfiniteTimeSpan);
        output.Append(new StringBuilder("first line\n"));
        var flushing = Task.Run(output.Flush);
        await reader.Stuck.WaitAsync(TimeSpan.FromSeconds(10));

        // The writer is stuck inside a write; appending goes on without waiting for it.
        var appending = Task.Run(() =>
        {
            output.Append(new StringBuilder(new string('x', StandardOutput.MaxPendingChars - 100)).Append('\n'));
            output.Append(new StringBuilder("kept\n"));
            output.Append(new StringBuilder(new string('y', 200)).Append('\n'));
            output.Append(new StringBuilder(new string('z', 200)).Append('\n'));
        });
        await appending.WaitAsync(TimeSpan.FromSeconds(10));

        reader.Release();
        await flushing.WaitAsync(TimeSpan.FromSeconds(10));
        output.Flush();

        var written = reader.Text;
        Assert.StartsWith("first line\n", written, StringComparison.Ordinal);
        Assert.Contains("\nkept\n", written, StringComparison.Ordinal);
        Assert.DoesNotContain("yyy", written, StringComparison.Ordinal);
        Assert.DoesNotContain("zzz", written, StringComparison.Ordinal);
        Assert.EndsWith("[2 log lines dropped: standard output was not read fast enough]" + Environment.NewLine, written, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_is_written_as_utf8_whole_across_the_buffers_chunks()
    {
        using var reader = new StuckStream();
        reader.Release();
        using var output = new StandardOutput(reader, Timeout.InfiniteTimeSpan);
        var line = string.Concat(Enumerable.Repeat("tâche ✓ 𝄞 ", 20_000)) + "\n";

        output.Append(new StringBuilder(line));
        output.Flush();

        Assert.Equal(line, reader.Text);
    }

    /// <summary>A stream whose first write waits until released, as a pipe nobody reads does.</summary>
    private sealed class StuckStream : MemoryStream
    {
        private readonly ManualResetEventSlim _released = new();

        public SemaphoreSlim Stuck { get; } = new(0);

        public string Text => Encoding.UTF8.GetString(ToArray());

        public void Release() => _released.Set();

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (!_released.IsSet)
            {
                Stuck.Release();
                _released.Wait(TimeSpan.FromSeconds(30));
            }

            base.Write(buffer, offset, count);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _released.Dispose();
                Stuck.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
