using System.Diagnostics;
using System.Globalization;
using Maas.Contracts.Api;
using Maas.Engine.Agents;
using Maas.Engine.Api.Endpoints;
using Maas.Engine.Execution;
using Maas.Engine.Tasks;

namespace Maas.Engine.Api.Status;

/// <summary>
/// What <c>GET /stats</c> says, computed once for the endpoint and for the <c>system_status</c> messages, so the two
/// always agree: task figures from the saga table (every instance), agent and resource figures of this instance.
/// The parts are apart because a <c>system_status</c> is still sent, with uptime and resources, when the saga table
/// cannot be read.
/// </summary>
internal sealed class EngineStats(TaskQueries queries, AgentCatalog agents, TaskBacklog backlog)
{
    public async Task<StatsResponse> Collect(CancellationToken cancellationToken)
    {
        var tasks = await Tasks(cancellationToken);
        return new StatsResponse
        {
            Service = EngineHealth.ServiceName,
            UptimeSeconds = UptimeSeconds(),
            Tasks = tasks,
            Agents = Agents(),
            Resources = Resources(),
        };
    }

    public async Task<TaskStats> Tasks(CancellationToken cancellationToken)
    {
        var totals = await queries.Totals(cancellationToken);
        var processed = totals.Completed + totals.Failed;
        return new TaskStats
        {
            TotalProcessed = processed,
            CurrentlyProcessing = totals.InProgress,
            SuccessRate = processed == 0 ? 0 : Math.Round((double)totals.Completed / processed, 4),
            AverageExecutionTime = Math.Round(totals.AverageSeconds, 3),
        };
    }

    public AgentStats Agents() => AgentViews.Stats(agents.Snapshot());

    public static long UptimeSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return (long)Uptime(process).TotalSeconds;
    }

    public ResourceStats Resources()
    {
        using var process = Process.GetCurrentProcess();
        var cpuShare = process.TotalProcessorTime.TotalSeconds / Math.Max(1, Uptime(process).TotalSeconds) / Environment.ProcessorCount;
        return new ResourceStats
        {
            MemoryUsage = string.Create(CultureInfo.InvariantCulture, $"{process.WorkingSet64 / (1024 * 1024)}MB"),
            CpuUsage = string.Create(CultureInfo.InvariantCulture, $"{Math.Round(cpuShare * 100)}%"),
            QueueDepth = backlog.Depth,
        };
    }

    private static TimeSpan Uptime(Process process) => DateTime.Now - process.StartTime;
}
