using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Api.Security;

/// <summary>
/// Who may call the API and how much, in ASP.NET Core's own terms: an authentication scheme for the key, a fallback
/// authorization policy that every route without <c>AllowAnonymous</c> meets only with it (none when no key is set,
/// so the API is open as before), the rate limiter for the execute route, and the request body limit.
/// </summary>
internal static class ApiAccess
{
    public static WebApplicationBuilder AddApiAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiAccessOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiAccessOptions>, ApiAccessOptionsValidator>();
        services.AddSingleton<ApiKeys>();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        // The handler's base class logs every challenge and every wrong key at INFO: anyone who can reach the port could
        // fill the log. The caller is told in the 401's body; the log keeps warnings and worse.
        builder.Logging.AddFilter(typeof(ApiKeyAuthenticationHandler).FullName, LogLevel.Warning);
        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<ApiKeys, IOptions<ApiAccessOptions>>((authorization, keys, access) =>
        {
            if (keys.Required)
            {
                authorization.FallbackPolicy = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
                    .AddRequirements(new ApiKeyRequirement(access.Value.MetricsRequireKey))
                    .Build();
            }
        });

        services.AddExecuteRateLimit();
        var maxBody = Readable(builder.Configuration).MaxRequestBodyBytes;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBody);
        return builder;
    }

    /// <summary>After routing (so the endpoint's metadata is known) and before the endpoints: key, then rate, then body size.</summary>
    public static WebApplication UseApiAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<RequestBodyLimit>(Readable(app.Configuration).MaxRequestBodyBytes);
        return app;
    }

    /// <summary>
    /// The settings as read, or the defaults when they are wrong: the pipeline is built before the settings check
    /// runs, and a wrong value is refused there with every other one, not by a half-built host.
    /// </summary>
    private static ApiAccessOptions Readable(IConfiguration configuration)
    {
        var settings = SettingsCheck.Readable<ApiAccessOptions>(configuration);
        return new ApiAccessOptionsValidator().Validate(null, settings).Succeeded ? settings : new ApiAccessOptions();
    }
}
