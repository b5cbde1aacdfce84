using System.Diagnostics;

namespace Maas.Bench.Measure;

/// <summary>Percentiles of a set of latencies, in milliseconds (nearest-rank).</summary>
public sealed record Latency(int Count, double P50, double P95, double P99, double Max)
{
    public static readonly Latency None = new(0, double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>From <paramref name="from"/>[i] to <paramref name="to"/>[i] (Stopwatch timestamps) wherever both were seen.</summary>
    public static Latency Of(long[] from, long[] to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var ms = new List<double>(from.Length);
        for (var i = 0; i < from.Length; i++)
        {
            if (from[i] != 0 && to[i] != 0)
            {
                ms.Add((to[i] - from[i]) * 1000.0 / Stopwatch.Frequency);
            }
        }

        if (ms.Count == 0)
        {
            return None;
        }

        ms.Sort();
        double At(double p) => ms[Math.Clamp((int)Math.Ceiling(p * ms.Count) - 1, 0, ms.Count - 1)];
        return new Latency(ms.Count, At(0.50), At(0.95), At(0.99), ms[^1]);
    }
}
