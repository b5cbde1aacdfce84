using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maas.Tests.Infrastructure;

namespace Maas.Tests.Api.Security;

/// <summary>AI_ENGINE_API_KEY on a running engine: which routes need it, how it is sent, and what a caller without it is told.</summary>
public sealed class ApiKeyTests : WireTest
{
    private const string FirstKey = "first-key-0123456789abcdef";
    private const string SecondKey = "second-key-0123456789abcdef";

    private static readonly (HttpMethod Method, string Path)[] GuardedRoutes =
    [
        (HttpMethod.Get, "/stats"),
        (HttpMethod.Get, "/agents"),
        (HttpMethod.Get, "/tasks/processing"),
        (HttpMethod.Get, "/tasks/no_such_task"),
        (HttpMethod.Post, "/agents/code_generator_offline/execute"),
    ];

    [Fact]
    public async Task Every_guarded_route_answers_401_with_a_problem_body_without_the_key_or_with_a_wrong_one()
    {
        await using var engine = await EngineApp.Start(Database, Channels, Keyed());
        using var client = engine.CreateClient();

        foreach (var (method, path) in GuardedRoutes)
        {
            using var none = await client.SendAsync(Request(method, path));
            await AssertUnauthorized(none, "API key required", $"{method} {path} without a key");

            var wrong = Request(method, path);
            wrong.Headers.Add("X-API-Key", FirstKey + "x");
            using var wrongKey = await client.SendAsync(wrong);
            await AssertUnauthorized(wrongKey, "API key not valid", $"{method} {path} with a wrong key");

            var wrongBearer = Request(method, path);
            wrongBearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", FirstKey[..^1]);
            using var wrongToken = await client.SendAsync(wrongBearer);
            await AssertUnauthorized(wrongToken, "API key not valid", $"{method} {path} with a wrong bearer token");
        }
    }

    [Fact]
    public async Task The_key_is_accepted_as_x_api_key_or_as_a_bearer_token_and_every_configured_key_works()
    {
        await using var engine = await EngineApp.Start(Database, Channels, Keyed());
        using var client = engine.CreateClient();

        var byHeader = Request(HttpMethod.Get, "/agents");
        byHeader.Headers.Add("X-API-Key", FirstKey);
        using var header = await client.SendAsync(byHeader);
        Assert.Equal(HttpStatusCode.OK, header.StatusCode);
        Assert.NotNull((await header.Content.ReadFromJsonAsync<JsonObject>())!["agents"]);

        var byBearer = Request(HttpMethod.Get, "/stats");
        byBearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SecondKey);
        using var bearer = await client.SendAsync(byBearer);
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);

        var missing = Request(HttpMethod.Get, "/tasks/no_such_task");
        missing.Headers.Add("X-API-Key", SecondKey);
        using var notFound = await client.SendAsync(missing);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
    }

    [Fact]
    public async Task Health_the_reference_page_the_openapi_document_and_metrics_stay_open()
    {
        await using var engine = await EngineApp.Start(Database, Channels, Keyed());
        using var client = engine.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/docs")).StatusCode);

        // Whatever /metrics answers on this build (the scrape, or 404 where it is not mapped), it is not refused for
        // want of a key; a neighbouring path is.
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await client.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/metrics-and-more")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/metrics", null)).StatusCode);
    }

    [Fact]
    public async Task Metrics_needs_the_key_when_metrics_require_key_is_true()
    {
        var settings = Keyed();
        settings["METRICS_REQUIRE_KEY"] = "true";
        await using var engine = await EngineApp.Start(Database, Channels, settings);
        using var client = engine.CreateClient();

        await AssertUnauthorized(await client.GetAsync("/metrics"), "API key required", "GET /metrics without a key");
        var keyed = Request(HttpMethod.Get, "/metrics");
        keyed.Headers.Add("X-API-Key", FirstKey);
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await client.SendAsync(keyed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Without_a_key_every_route_is_open_as_before()
    {
        await using var engine = await EngineApp.Start(Database, Channels);
        using var client = engine.CreateClient();

        foreach (var path in new[] { "/stats", "/agents", "/tasks/processing", "/health", "/docs", "/openapi/v1.json" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        }

        var anyKey = Request(HttpMethod.Get, "/agents");
        anyKey.Headers.Add("X-API-Key", "whatever");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(anyKey)).StatusCode);
    }

    private static Dictionary<string, string?> Keyed() => new() { ["AI_ENGINE_API_KEY"] = $"{FirstKey}, {SecondKey}" };

    private static HttpRequestMessage Request(HttpMethod method, string path) => new(method, path)
    {
        Content = method == HttpMethod.Post
            ? JsonContent.Create(new JsonObject { ["task_type"] = "code_generation", ["input_data"] = new JsonObject { ["description"] = "hello" } })
            : null,
    };

    private static async Task AssertUnauthorized(HttpResponseMessage response, string title, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {(int)response.StatusCode}");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(401, (int)problem!["status"]!);
        Assert.Equal(title, (string?)problem["title"]);
        Assert.DoesNotContain(FirstKey, problem.ToJsonString(), StringComparison.Ordinal);
    }
}
