using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maas.Engine.Api.OpenApi;
using Maas.Tests.Infrastructure;

namespace Maas.Tests.Api.OpenApi;

/// <summary>The OpenAPI document a running engine serves: every route with its answers, the seed's shapes and examples, the key.</summary>
public sealed class ApiDocumentTests : WireTest
{
    /// <summary>What each route may answer besides 200, and the example (the seed's document) its 200 body shows.</summary>
    private static readonly (string Method, string Path, int[] Problems, string? Example)[] Routes =
    [
        ("get", "/health", [], "health.json"),
        ("get", "/stats", [401], "stats.json"),
        ("get", "/agents", [401], "agents.json"),
        ("get", "/tasks/processing", [401], "tasks_processing.json"),
        ("get", "/tasks/{task_id}", [401, 404], "task_details.json"),
        ("post", "/agents/{agent_id}/execute", [400, 401, 404, 413, 429, 502, 503, 504], "execute_response.json"),
    ];

    private JsonObject _document = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?> { ["AI_ENGINE_API_KEY"] = "a-key-of-some-length-0123" });
        using var client = engine.CreateClient();
        _document = (await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
    }

    [Fact]
    public void Every_route_is_documented_with_its_problem_responses()
    {
        foreach (var (method, path, problems, _) in Routes)
        {
            var responses = Operation(method, path)["responses"]!.AsObject();
            Assert.Contains("200", responses.Select(r => r.Key));
            foreach (var status in problems)
            {
                var response = responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
                Assert.True(response is not null, $"{method} {path} documents no {status}");
                var schema = Resolve(response!["content"]!["application/problem+json"]!["schema"]!);
                Assert.Contains("status", Properties(schema));
                Assert.Contains("title", Properties(schema));
            }
        }

        var tooMany = Operation("post", "/agents/{agent_id}/execute")["responses"]!["429"]!;
        Assert.NotNull(tooMany["headers"]!["Retry-After"]);
        var unhealthy = Operation("get", "/health")["responses"]!["503"]!;
        Assert.EndsWith("/HealthResponse", (string?)unhealthy["content"]!["application/json"]!["schema"]!["$ref"], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_route_but_the_open_ones_requires_the_key_and_the_document_says_how_to_send_it()
    {
        var schemes = _document["components"]!["securitySchemes"]!;
        Assert.Equal("apiKey", (string?)schemes["ApiKey"]!["type"]);
        Assert.Equal("header", (string?)schemes["ApiKey"]!["in"]);
        Assert.Equal("X-API-Key", (string?)schemes["ApiKey"]!["name"]);
        Assert.Equal("http", (string?)schemes["Bearer"]!["type"]);
        Assert.Equal("bearer", (string?)schemes["Bearer"]!["scheme"]);

        foreach (var (path, operations) in _document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                var open = path == "/health";
                var security = operation!["security"]?.AsArray().Select(s => s!.AsObject().Single().Key).Order().ToList() ?? [];
                Assert.True(open ? security.Count == 0 : security.SequenceEqual(["ApiKey", "Bearer"]), $"{method} {path}: security {string.Join(",", security)}");
                Assert.True(open != operation["responses"]!.AsObject().ContainsKey("401"), $"{method} {path}: 401 documented or not as it should");
            }
        }
    }

    [Fact]
    public void Each_response_body_has_the_seeds_property_names_and_the_seeds_example()
    {
        foreach (var (method, path, _, example) in Routes)
        {
            var schema = Resolve(Operation(method, path)["responses"]!["200"]!["content"]!["application/json"]!["schema"]!);
            var seed = SeedExamples.Read(example!);
            AssertShape(seed, schema, $"{method} {path}");
            Assert.True(JsonNode.DeepEquals(seed, schema["examples"]![0]), $"{method} {path}: the example is not the seed's");
        }

        var request = Resolve(Operation("post", "/agents/{agent_id}/execute")["requestBody"]!["content"]!["application/json"]!["schema"]!);
        Assert.Equal(["input_data", "task_type"], Properties(request).Order());
        Assert.True(JsonNode.DeepEquals(SeedExamples.Read("execute_request.json"), request["examples"]![0]));
    }

    private JsonObject Operation(string method, string path)
    {
        var operation = _document["paths"]![path]?[method];
        Assert.True(operation is not null, $"{method} {path} is not in the document");
        return operation!.AsObject();
    }

    /// <summary>Every property the example has is one the schema declares, all the way down.</summary>
    private void AssertShape(JsonNode? example, JsonNode schema, string where)
    {
        schema = Resolve(schema);
        switch (example)
        {
            case JsonObject values when schema["properties"] is JsonObject:
                foreach (var (name, value) in values)
                {
                    Assert.True(Properties(schema).Contains(name), $"{where}: the schema has no '{name}'");
                    AssertShape(value, schema["properties"]![name]!, $"{where}.{name}");
                }

                break;
            case JsonArray items when schema["items"] is { } item:
                foreach (var value in items)
                {
                    AssertShape(value, item, $"{where}[]");
                }

                break;
        }
    }

    /// <summary>The schema a <c>$ref</c> (or a nullable <c>oneOf</c> of one) points to.</summary>
    private JsonNode Resolve(JsonNode schema)
    {
        if (schema["oneOf"] is JsonArray choices && choices.SingleOrDefault(c => c!["$ref"] is not null) is { } reference)
        {
            schema = reference;
        }

        if ((string?)schema["$ref"] is { } target)
        {
            var name = target.Split('/')[^1];
            var component = _document["components"]!["schemas"]![name];
            Assert.True(component is not null, $"{target} is not among the document's schemas");
            return component!;
        }

        return schema;
    }

    private static IEnumerable<string> Properties(JsonNode schema) => schema["properties"]?.AsObject().Select(p => p.Key) ?? [];
}
