using System.Globalization;
using Maas.Bench.Results;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Maas.Bench.Report;

/// <summary>
/// Throughput and p99 latency against offered load, one point per offered-rate run plus the "as fast as possible" run.
/// The offered loads sit at even steps (they double), and latency is on a log scale because past saturation it grows
/// by orders of magnitude.
/// </summary>
public static class ThroughputLatencyChart
{
    public const string FileName = "throughput-latency.png";

    public static void Write(SuiteResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        var runs = result.Sweep.ToList();
        var max = result.Scale.Where(r => r.Play.Count >= 10_000).MinBy(r => r.Play.Count) ?? (result.Scale.Count > 0 ? result.Scale[^1] : null);
        if (max is not null)
        {
            runs.Add(max);
        }

        if (runs.Count == 0)
        {
            return;
        }

        double[] xs = [.. Enumerable.Range(0, runs.Count).Select(i => (double)i)];
        string[] labels = [.. runs.Select(r => r.Play.OfferedRate is { } rate ? rate.ToString("N0", CultureInfo.InvariantCulture) : "max")];

        var plot = new Plot();
        plot.Title($"MAAS AI Engine end to end, {result.Machine.Cores} cores, saga state in PostgreSQL ({result.Started:yyyy-MM-dd})");
        plot.Axes.Bottom.Label.Text = "offered load (tasks/s)";
        plot.Axes.Bottom.SetTicks(xs, labels);

        var offered = plot.Add.Scatter(xs[..result.Sweep.Count], [.. result.Sweep.Select(r => r.Play.OfferedRate ?? double.NaN)]);
        offered.LegendText = "offered (tasks/s)";
        offered.LinePattern = LinePattern.Dashed;
        offered.Color = Colors.Gray;
        var throughput = plot.Add.Scatter(xs, [.. runs.Select(r => r.Play.TasksPerSecond)]);
        throughput.LegendText = "completed (tasks/s)";
        throughput.Color = Colors.Blue;
        throughput.LineWidth = 2;
        throughput.MarkerSize = 8;
        plot.Axes.Left.Label.Text = "tasks/s";
        plot.Axes.SetLimitsY(0, Math.Max(runs.Max(r => r.Play.OfferedRate ?? 0), runs.Max(r => r.Play.TasksPerSecond)) * 1.1, plot.Axes.Left);

        var right = plot.Axes.Right;
        right.Label.Text = "p99 latency (ms, log scale)";
        right.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("N0", CultureInfo.InvariantCulture),
        };
        AddLatency(plot, xs, runs.Select(r => r.Play.ToInProgress.P99), "p99 publish -> IN_PROGRESS (ms)", Colors.Orange);
        AddLatency(plot, xs, runs.Select(r => r.Play.ToCompleted.P99), "p99 publish -> task_completed (ms)", Colors.Red);
        var latencies = runs.SelectMany(r => new[] { r.Play.ToInProgress.P99, r.Play.ToCompleted.P99 }).Where(v => v > 0).ToList();
        plot.Axes.SetLimitsY(Math.Floor(Math.Log10(latencies.Min())), Math.Ceiling(Math.Log10(latencies.Max())) + 0.2, right);

        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.ShowLegend();
        plot.SavePng(path, 1000, 600);
    }

    private static void AddLatency(Plot plot, double[] xs, IEnumerable<double> millis, string label, Color color)
    {
        var line = plot.Add.Scatter(xs, [.. millis.Select(ms => Math.Log10(Math.Max(ms, 0.1)))]);
        line.LegendText = label;
        line.Color = color;
        line.MarkerShape = MarkerShape.FilledSquare;
        line.Axes.YAxis = plot.Axes.Right;
    }
}
