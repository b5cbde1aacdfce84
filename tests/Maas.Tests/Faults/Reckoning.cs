using System.Globalization;

namespace Maas.Tests.Faults;

/// <summary>The tasks behind each figure, named so that a failing assertion says which and why.</summary>
internal sealed class Reckoning
{
    public List<string> Lost { get; } = [];

    public List<string> NotHeard { get; } = [];

    public List<string> Doubled { get; } = [];

    /// <summary>Doubled tasks whose copies all carry the same <c>message_id</c>: still doubled on the wire, but droppable by the platform.</summary>
    public int DoubledWithOneMessageId { get; set; }

    public List<string> Harmed { get; } = [];

    public List<string> ReExecuted { get; } = [];

    public SurvivalFigures Figures(string scenario, int tasks, TimeSpan elapsed, string notes)
    {
        var heard = NotHeard.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"; {NotHeard.Count} final results not heard on the wire");
        if (DoubledWithOneMessageId > 0)
        {
            heard += string.Create(CultureInfo.InvariantCulture, $"; {DoubledWithOneMessageId} of the doubled carry one message_id on every copy");
        }

        return new(scenario, tasks, Lost.Count, Doubled.Count, ReExecuted.Count, Harmed.Count, elapsed.TotalSeconds, notes + heard);
    }

    public string Describe(int limit = 8)
    {
        static string Part(string name, List<string> items, int limit) =>
            items.Count == 0 ? "" : $"\n{name} ({items.Count}):\n  " + string.Join("\n  ", items.Take(limit));
        return Part("lost", Lost, limit) + Part("doubled", Doubled, limit) + Part("harmed", Harmed, limit) +
            Part("not heard", NotHeard, limit) + Part("re-executed", ReExecuted, limit);
    }
}
