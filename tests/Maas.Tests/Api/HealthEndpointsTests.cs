using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maas.Tests.Infrastructure;

namespace Maas.Tests.Api;

/// <summary><c>GET /health</c> probes the real servers: a dead one shows as such.</summary>
public sealed class HealthEndpointsTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Named();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Reports_healthy_in_the_seed_shape_when_redis_and_postgresql_answer()
    {
        await using var engine = await EngineApp.Start(_database, Channels.Unique());
        using var client = engine.CreateClient();

        var response = await client.GetAsync("/health");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>() ?? throw new InvalidOperationException("no body");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["components", "service", "status", "timestamp", "version"], body.Select(p => p.Key).Order());
        Assert.Equal("healthy", (string?)body["status"]);
        Assert.Equal("maas-ai-engine", (string?)body["service"]);
        Assert.Equal("connected", (string?)body["components"]!["redis"]);
        Assert.Equal("connected", (string?)body["components"]!["database"]);
        Assert.Equal("4_active", (string?)body["components"]!["agents"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$", (string?)body["timestamp"]);
    }

    [Fact]
    public async Task Reports_unhealthy_with_503_when_redis_is_down()
    {
        var channels = Channels.Unique();
        await using var engine = EngineApp.Create(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = _database.Url,
            ["REDIS_URL"] = "redis://127.0.0.1:1/0",
            // Start without waiting for Redis, which this test keeps away on purpose.
            ["STARTUP_RETRY_SECONDS"] = "0",
            ["REDIS_TASK_CHANNEL"] = channels.Tasks,
            ["REDIS_RESULT_CHANNEL"] = channels.Results,
            ["REDIS_STATUS_CHANNEL"] = channels.Status,
            ["LOG_LEVEL"] = "CRITICAL",
        });
        using var client = engine.CreateClient();

        var response = await client.GetAsync("/health");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", (string?)body!["status"]);
        Assert.Equal("disconnected", (string?)body["components"]!["redis"]);
        Assert.Equal("connected", (string?)body["components"]!["database"]);
    }
}
