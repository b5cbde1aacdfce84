using System.Globalization;

namespace Maas.Bench.Measure;

/// <summary>The few <c>/proc</c> figures the bench needs, read as text: cheap enough to sample several times a second.</summary>
public static class ProcFs
{
    /// <summary>Kernel clock ticks per second (<c>getconf CLK_TCK</c>); 100 on every Linux the bench has met.</summary>
    public const double TicksPerSecond = 100;

    /// <summary>VmRSS and VmHWM (peak RSS) of a process, in KiB; zeros once it has exited.</summary>
    public static (long RssKb, long HwmKb) Memory(int pid)
    {
        long rss = 0, hwm = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kb(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kb(line);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process is gone.
        }

        return (rss, hwm);
    }

    /// <summary>The command name and user+system CPU ticks of a process, or null if it is gone.</summary>
    public static (string Comm, long Ticks)? CpuTicks(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name is in parentheses and may itself hold spaces or parentheses: split after the last one.
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        var fields = text[(close + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        return (text[(open + 1)..close], long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Busy and stolen ticks of all CPUs together, from the first line of <c>/proc/stat</c> (user nice system idle
    /// iowait irq softirq steal). Steal is time the hypervisor gave to other guests: load the bench cannot see as processes.
    /// </summary>
    public static (long Busy, long Steal) MachineTicks()
    {
        var values = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return (values[0] + values[1] + values[2] + values[5] + values[6], values[7]);
    }

    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Trim();

    public static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(n => n is { Length: > 0 } && char.IsAsciiDigit(n[0]))
            .Select(n => int.Parse(n!, CultureInfo.InvariantCulture));

    private static long Kb(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
