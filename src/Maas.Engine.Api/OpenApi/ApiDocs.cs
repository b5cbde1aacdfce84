using Microsoft.AspNetCore.OpenApi;
using Scalar.AspNetCore;

namespace Maas.Engine.Api.OpenApi;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and Scalar's reference page on it (<c>/docs</c>), both open without
/// the key. The page's script is the bundle embedded in Scalar.AspNetCore, served by the engine; the fonts, telemetry,
/// AI agent and MCP features Scalar would fetch from its own hosts are off, so the page loads nothing from another host
/// (an engine behind a firewall, or an operator's browser with no internet, still gets a working page).
/// </summary>
internal static class ApiDocs
{
    public const string ReferencePath = "/docs";

    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer<EngineDocument>();
        options.AddOperationTransformer<AccessResponses>();
        options.AddSchemaTransformer<SeedExamples>();
    }

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi().AllowAnonymous();
        routes.MapScalarApiReference(ReferencePath, page => page
                .WithTitle(EngineDocument.Title)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools())
            .AllowAnonymous();
        return routes;
    }
}
