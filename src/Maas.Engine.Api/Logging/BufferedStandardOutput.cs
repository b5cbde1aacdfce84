using System.Text;

namespace Maas.Engine.Api.Logging;

/// <summary>
/// Standard output through a 64 KiB buffer, flushed every <see cref="FlushInterval"/> and when the process exits,
/// instead of one write system call a line: at INFO each task leaves four lines, and under load the console's
/// auto-flush alone cost the engine a measurable share of its rate (README, "Logs"). A line reaches the terminal or
/// the log shipper at most <see cref="FlushInterval"/> late; a process killed with SIGKILL loses what the buffer held.
/// </summary>
internal static class BufferedStandardOutput
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    private static Timer? _flusher;

    /// <summary>Replaces <see cref="Console.Out"/>; call before the console logger is built, which keeps the writer it finds.</summary>
    public static void Install()
    {
        if (_flusher is not null)
        {
            return;
        }

        var writer = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024) { AutoFlush = false };
        // Console.SetOut makes it thread-safe (every call under one lock), as the default writer is.
        Console.SetOut(writer);
        _flusher = new Timer(_ => Flush(), null, FlushInterval, FlushInterval);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Flush();
    }

    public static void Flush()
    {
        try
        {
            Console.Out.Flush();
        }
        catch (IOException)
        {
            // Nobody reads standard output any more (a closed pipe); there is nowhere to say so.
        }
    }
}
