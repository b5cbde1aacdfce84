using System.Globalization;
using System.Text;
using Maas.Bench.Results;

namespace Maas.Bench.Report;

/// <summary>How the report writes numbers and lines, the same in every section.</summary>
public static class Markdown
{
    public static string Cpu(RunResult x) =>
        string.Create(CultureInfo.InvariantCulture, $"{x.Cpu.Engine:0.00} / {x.Cpu.Postgres:0.00} / {x.Cpu.Redis:0.00} / {x.Cpu.Bench:0.00} / {x.Cpu.Other:0.00} / {x.Cpu.Steal:0.00}");

    public static string Ms(double ms) => double.IsNaN(ms) ? "-" : ms.ToString(ms < 10 ? "N2" : ms < 100 ? "N1" : "N0", CultureInfo.InvariantCulture);

    public static string Mb(long kb) => string.Create(CultureInfo.InvariantCulture, $"{kb / 1024.0:N0} MiB");

    public static string Growth(double kbPerThousand) =>
        double.IsNaN(kbPerThousand) ? "-" : kbPerThousand.ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " KiB per 1,000 tasks";

    public static string Yes(bool met) => met ? "yes" : "**no**";

    public static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
