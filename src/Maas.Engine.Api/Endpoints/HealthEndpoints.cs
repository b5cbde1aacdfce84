using Maas.Contracts.Api;
using Maas.Engine.Agents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Maas.Engine.Api.Endpoints;

/// <summary><c>GET /health</c>: Redis and PostgreSQL really probed, in the seed's shape.</summary>
internal static class HealthEndpoints
{
    public const string ServiceName = "maas-ai-engine";

    public static readonly string Version = typeof(HealthEndpoints).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        var health = routes.MapGroup("").WithTags("Health");
        health.MapGet("/health", GetHealth).WithSummary("Health of the engine and of the servers it needs");
        return routes;
    }

    /// <summary>200 when every component answers; 503 with the same body when one does not, so load balancers can act on it.</summary>
    public static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> GetHealth(
        HealthCheckService checks, AgentCatalog agents, TimeProvider clock, CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(cancellationToken);
        var healthy = report.Status == HealthStatus.Healthy;
        var body = new HealthResponse
        {
            Status = healthy ? "healthy" : "unhealthy",
            Service = ServiceName,
            Version = Version,
            Timestamp = clock.GetUtcNow(),
            Components = new Dictionary<string, string>
            {
                ["redis"] = Connected(report, "redis"),
                ["database"] = Connected(report, "database"),
                ["agents"] = $"{AgentViews.Active(agents.Snapshot())}_active",
                ["mcp_servers"] = "0_connected",
            },
        };
        return healthy ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static string Connected(HealthReport report, string component) =>
        report.Entries.TryGetValue(component, out var entry) && entry.Status == HealthStatus.Healthy ? "connected" : "disconnected";
}
