using Maas.Contracts.Api;
using Maas.Engine.Api.Status;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Maas.Engine.Api.Endpoints;

/// <summary><c>GET /health</c>: Redis and PostgreSQL really probed, in the seed's shape (<see cref="EngineHealth"/>).</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        var health = routes.MapGroup("").WithTags("Health");
        health.MapGet("/health", GetHealth).WithSummary("Health of the engine and of the servers it needs").AllowAnonymous()
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    /// <summary>200 when every component answers; 503 with the same body when one does not, so load balancers can act on it.</summary>
    public static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> GetHealth(EngineHealth health, CancellationToken cancellationToken)
    {
        var body = await health.Check(cancellationToken);
        return body.Status == EngineHealth.Healthy ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
