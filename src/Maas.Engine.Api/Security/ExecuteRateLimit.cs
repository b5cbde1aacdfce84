using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Api.Security;

/// <summary>
/// <c>POST /agents/{agent_id}/execute</c> calls a model for every request, so it is rate limited: a fixed window of a
/// minute, <c>EXECUTE_RATE_LIMIT_PER_MINUTE</c> calls per API key (its name, when the caller authenticated with one)
/// or else per client address, per instance (the limiter's counts live in this process). A refused call gets 429 with
/// <c>Retry-After</c> (seconds to the window's end) and a problem body.
/// </summary>
internal static class ExecuteRateLimit
{
    public const string PolicyName = "execute";

    public static IServiceCollection AddExecuteRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = Reject;
            limiter.AddPolicy(PolicyName, Partition);
        });

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<ApiAccessOptions>>().Value.ExecuteRateLimitPerMinute;
        if (limit == 0)
        {
            return RateLimitPartition.GetNoLimiter("off");
        }

        // The key's name, never the key: partitions are kept in memory and may be seen in a dump.
        var caller = context.User.FindFirst(ApiKeyAuthenticationHandler.KeyNameClaim)?.Value is { } key
            ? $"key:{key}"
            : $"address:{context.Connection.RemoteIpAddress}";
        return RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static async ValueTask Reject(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var limit = context.RequestServices.GetRequiredService<IOptions<ApiAccessOptions>>().Value.ExecuteRateLimitPerMinute;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = string.Create(CultureInfo.InvariantCulture,
                    $"At most {limit} direct executions a minute per API key or client address (EXECUTE_RATE_LIMIT_PER_MINUTE); try again in {seconds} s."),
            },
        });
    }
}
