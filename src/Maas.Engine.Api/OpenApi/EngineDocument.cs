using Maas.Engine.Api.Security;
using Maas.Engine.Api.Status;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Maas.Engine.Api.OpenApi;

/// <summary>The document's own parts: what the API is, and the two ways to send the key.</summary>
internal sealed class EngineDocument : IOpenApiDocumentTransformer
{
    public const string ApiKeyScheme = "ApiKey";

    public const string BearerScheme = "Bearer";

    /// <summary>The component every problem response refers to (the framework names it after the type).</summary>
    public const string ProblemSchema = nameof(ProblemDetails);

    public const string Title = "MAAS AI Engine";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = Title,
            Version = EngineHealth.Version,
            Description = "The engine's HTTP API: health, statistics, agents, tasks and direct execution. Errors are RFC 9457 "
                + "problem bodies. When AI_ENGINE_API_KEY is set every route but /health, /metrics, /docs and this document "
                + "needs the key, as X-API-Key or as a bearer token.",
        };

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "The value of AI_ENGINE_API_KEY (one of them, when it lists several).",
        };
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The same key as 'Authorization: Bearer <key>'.",
        };

        // Routes whose problems are added by AccessResponses only (401, 413, 429) still refer to the schema.
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(ProblemSchema))
        {
            document.Components.Schemas[ProblemSchema] = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        }
    }
}
