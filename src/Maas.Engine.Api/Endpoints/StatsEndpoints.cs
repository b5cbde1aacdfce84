using System.Diagnostics;
using System.Globalization;
using Maas.Contracts.Api;
using Maas.Engine.Agents;
using Maas.Engine.Execution;
using Maas.Engine.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Maas.Engine.Api.Endpoints;

/// <summary><c>GET /stats</c>: task figures from the saga table (every instance), agent and resource figures of this instance.</summary>
internal static class StatsEndpoints
{
    public static IEndpointRouteBuilder MapStatsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("").WithTags("Health").MapGet("/stats", GetStats).WithSummary("Task, agent and resource figures");
        return routes;
    }

    public static async Task<Ok<StatsResponse>> GetStats(TaskQueries queries, AgentCatalog agents, TaskBacklog backlog, CancellationToken cancellationToken)
    {
        var totals = await queries.Totals(cancellationToken);
        var processed = totals.Completed + totals.Failed;
        using var process = Process.GetCurrentProcess();
        var uptime = DateTime.Now - process.StartTime;
        var cpuShare = process.TotalProcessorTime.TotalSeconds / Math.Max(1, uptime.TotalSeconds) / Environment.ProcessorCount;

        return TypedResults.Ok(new StatsResponse
        {
            Service = HealthEndpoints.ServiceName,
            UptimeSeconds = (long)uptime.TotalSeconds,
            Tasks = new TaskStats
            {
                TotalProcessed = processed,
                CurrentlyProcessing = totals.InProgress,
                SuccessRate = processed == 0 ? 0 : Math.Round((double)totals.Completed / processed, 4),
                AverageExecutionTime = Math.Round(totals.AverageSeconds, 3),
            },
            Agents = AgentViews.Stats(agents.Snapshot()),
            Resources = new ResourceStats
            {
                MemoryUsage = string.Create(CultureInfo.InvariantCulture, $"{process.WorkingSet64 / (1024 * 1024)}MB"),
                CpuUsage = string.Create(CultureInfo.InvariantCulture, $"{Math.Round(cpuShare * 100)}%"),
                QueueDepth = backlog.Depth,
            },
        });
    }
}
