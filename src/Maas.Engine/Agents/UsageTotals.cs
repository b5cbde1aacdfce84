using Microsoft.Extensions.AI;

namespace Maas.Engine.Agents;

/// <summary>The provider's reported usage summed over a task's calls; a figure no call reported stays null.</summary>
internal struct UsageTotals
{
    public long? Input { get; private set; }

    public long? Output { get; private set; }

    public long? Total { get; private set; }

    public void Add(UsageDetails? usage)
    {
        if (usage is null)
        {
            return;
        }

        Input = Sum(Input, usage.InputTokenCount);
        Output = Sum(Output, usage.OutputTokenCount);
        Total = Sum(Total, usage.TotalTokenCount ?? (usage.InputTokenCount + usage.OutputTokenCount));
    }

    private static long? Sum(long? total, long? more) => more is null ? total : (total ?? 0) + more;
}
