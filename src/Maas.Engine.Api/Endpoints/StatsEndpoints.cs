using Maas.Contracts.Api;
using Maas.Engine.Api.Status;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Maas.Engine.Api.Endpoints;

/// <summary><c>GET /stats</c>: task figures from the saga table (every instance), agent and resource figures of this instance (<see cref="EngineStats"/>).</summary>
internal static class StatsEndpoints
{
    public static IEndpointRouteBuilder MapStatsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("").WithTags("Health").MapGet("/stats", GetStats).WithSummary("Task, agent and resource figures");
        return routes;
    }

    public static async Task<Ok<StatsResponse>> GetStats(EngineStats stats, CancellationToken cancellationToken) =>
        TypedResults.Ok(await stats.Collect(cancellationToken));
}
