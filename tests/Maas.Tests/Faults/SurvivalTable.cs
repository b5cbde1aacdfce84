using System.Text;

namespace Maas.Tests.Faults;

/// <summary>
/// The fault suite's measured figures, one row per scenario as it finishes, rewritten to
/// <c>.local/faults/survival.md</c> each time so that a run cut short still leaves what it measured.
/// </summary>
internal sealed class SurvivalTable(string path)
{
    private readonly List<SurvivalFigures> _rows = [];

    public string Path { get; } = path;

    public string Add(SurvivalFigures figures)
    {
        lock (_rows)
        {
            _rows.RemoveAll(r => r.Scenario == figures.Scenario);
            _rows.Add(figures);
            var text = new StringBuilder()
                .AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"Fault suite, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC ({Environment.ProcessorCount} cores)")
                .AppendLine()
                .AppendLine(SurvivalFigures.Header);
            foreach (var row in _rows)
            {
                text.AppendLine(row.ToMarkdown());
            }

            File.WriteAllText(Path, text.ToString());
            return text.ToString();
        }
    }
}
