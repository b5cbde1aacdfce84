using System.Text.Json.Nodes;
using Maas.Contracts.Api;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Maas.Engine.Api.OpenApi;

/// <summary>
/// Puts the seed's example documents (embedded beside this file, snake_case as served) on the schemas of the types
/// they show, so the reference page shows the platform's own examples rather than made-up values.
/// </summary>
internal sealed class SeedExamples : IOpenApiSchemaTransformer
{
    private static readonly Dictionary<Type, string> Files = new()
    {
        [typeof(HealthResponse)] = "health.json",
        [typeof(StatsResponse)] = "stats.json",
        [typeof(AgentsResponse)] = "agents.json",
        [typeof(AgentExecuteRequest)] = "execute_request.json",
        [typeof(AgentExecuteResponse)] = "execute_response.json",
        [typeof(ProcessingTasksResponse)] = "tasks_processing.json",
        [typeof(TaskDetails)] = "task_details.json",
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is null && Files.TryGetValue(context.JsonTypeInfo.Type, out var file))
        {
            schema.Examples = [Read(file)];
        }

        return Task.CompletedTask;
    }

    /// <summary>One example document, parsed afresh (a node belongs to one parent).</summary>
    public static JsonNode Read(string file)
    {
        using var stream = typeof(SeedExamples).Assembly.GetManifestResourceStream($"{typeof(SeedExamples).Namespace}.Examples.{file}")
            ?? throw new InvalidOperationException($"The example {file} is not embedded in {typeof(SeedExamples).Assembly.GetName().Name}.");
        return JsonNode.Parse(stream)!;
    }
}
