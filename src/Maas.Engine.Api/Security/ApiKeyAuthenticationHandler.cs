using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Api.Security;

/// <summary>
/// Reads the API key from <c>X-API-Key</c> or <c>Authorization: Bearer</c>. A caller with a configured key is
/// authenticated as that key's name; the fallback policy (<see cref="ApiKeyRequirement"/>) then decides which routes
/// need it. A refused caller gets a 401 problem body with a <c>WWW-Authenticate</c> challenge. The key is never
/// logged: the handler's log lines carry only its own messages.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    public const string HeaderName = "X-API-Key";

    /// <summary>The claim naming which configured key was presented (<c>key-1</c>...); the rate limiter partitions by it.</summary>
    public const string KeyNameClaim = "maas:api_key_name";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // With no key configured a presented one means nothing, and must not buy a caller a rate-limit partition of its own.
        if (!keys.Required || Presented(Request) is not { } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Find(presented) is not { } name)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key presented is not one of AI_ENGINE_API_KEY's."));
        }

        var identity = new ClaimsIdentity([new Claim(KeyNameClaim, name)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"maas-ai-engine\"";
        var sent = Presented(Request) is not null;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = sent ? "API key not valid" : "API key required",
                Detail = sent
                    ? "The API key sent is not one this engine accepts."
                    : $"This route needs the engine's API key, sent as '{HeaderName}: <key>' or 'Authorization: Bearer <key>'.",
            },
        });
    }

    /// <summary><c>X-API-Key</c> when sent, else the token of <c>Authorization: Bearer</c>; null when neither is.</summary>
    private static string? Presented(HttpRequest request)
    {
        if (request.Headers[HeaderName] is [{ Length: > 0 } key])
        {
            return key;
        }

        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && authorization.Length > bearer.Length
            ? authorization[bearer.Length..].Trim()
            : null;
    }
}
