using Microsoft.AspNetCore.Authorization;

namespace Maas.Engine.Api.Security;

/// <summary>
/// The fallback policy's one requirement, so every route needs the key unless it says otherwise: the open routes
/// (<c>/health</c>, <c>/docs</c>, the OpenAPI document) carry <c>AllowAnonymous</c> where they are mapped.
/// <c>GET /metrics</c> is matched by its path instead, because it is the scraper's route, mapped by the telemetry
/// setup, and whether it is open is this type's decision (<c>METRICS_REQUIRE_KEY</c>).
/// </summary>
internal sealed class ApiKeyRequirement(bool metricsRequireKey) : AuthorizationHandler<ApiKeyRequirement>, IAuthorizationRequirement
{
    public const string MetricsPath = "/metrics";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiKeyRequirement requirement)
    {
        if (context.User.HasClaim(c => c.Type == ApiKeyAuthenticationHandler.KeyNameClaim)
            || (!metricsRequireKey && context.Resource is HttpContext http && IsMetricsScrape(http.Request)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    /// <summary><c>GET</c> (or <c>HEAD</c>) of <c>/metrics</c>, matched as routing matches paths: without regard to case.</summary>
    public static bool IsMetricsScrape(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Path.Equals(MetricsPath, StringComparison.OrdinalIgnoreCase);
}
