using Maas.Engine.Api.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Maas.Engine.Api.OpenApi;

/// <summary>
/// The answers every route may give because of <see cref="ApiAccess"/>, read from the same endpoint metadata that
/// decides them, so the document cannot drift from the behaviour: 401 and the key's security requirement where the
/// route has no <c>AllowAnonymous</c>, 429 with <c>Retry-After</c> where it is rate limited, 413 where it takes a body.
/// The answers a handler itself gives (400, 404, 503...) are declared where it is mapped.
/// </summary>
internal sealed class AccessResponses : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];

        if (!metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(EngineDocument.ApiKeyScheme, context.Document)] = [] });
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(EngineDocument.BearerScheme, context.Document)] = [] });
            operation.Responses["401"] = Problem(context, "No API key, or a wrong one, when AI_ENGINE_API_KEY is set (with a WWW-Authenticate challenge).");
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            var tooMany = Problem(context, "More calls than EXECUTE_RATE_LIMIT_PER_MINUTE in the minute, from this API key or client address.");
            tooMany.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds until the limit's window ends.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                },
            };
            operation.Responses["429"] = tooMany;
        }

        if (context.Description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body))
        {
            operation.Responses["413"] = Problem(context, "A body larger than MAX_REQUEST_BODY_BYTES.");
        }

        return Task.CompletedTask;
    }

    private static OpenApiResponse Problem(OpenApiOperationTransformerContext context, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(EngineDocument.ProblemSchema, context.Document) },
        },
    };
}
