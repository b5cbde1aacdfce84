using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Maas.RedisBridge.Inbound;
using Maas.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Maas.Tests.Api.Status;

/// <summary>
/// The system channel as the platform hears it: each instance's <c>system_status</c> every
/// <c>SYSTEM_STATUS_INTERVAL</c>, when its health changes, and at once when a <c>health_check</c> asks.
/// </summary>
public sealed class SystemStatusPublisherTests : WireTest
{
    private const string HealthCheck = """{"message_type":"health_check","timestamp":"2025-06-14T05:51:38.986513Z","source":"maas_platform","data":{}}""";

    private readonly ReportChannels _reports = ReportChannels.Unique();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Platform.Also(_reports.System);
    }

    [Fact]
    public async Task Publishes_at_the_interval_what_health_and_stats_say()
    {
        var instance = $"engine-{Guid.NewGuid():N}";
        await using var engine = await EngineApp.Start(Database, Channels, _reports.Settings(new Dictionary<string, string?>
        {
            ["SYSTEM_STATUS_INTERVAL"] = "1",
            ["ENGINE_INSTANCE_ID"] = instance,
        }));
        using var http = engine.CreateClient();

        var reports = await Eventually.Until(() => Task.FromResult(ReportsOf(instance)), r => r.Count >= 3, "three system_status");

        var message = reports[0].Message;
        Assert.Equal("system_status", (string?)message["message_type"]);
        Assert.Equal("ai_engine", (string?)message["source"]);
        Assert.True(Guid.TryParse((string?)message["message_id"], out _), message.ToJsonString());
        Assert.Equal(
            ["components", "instance_id", "resources", "service", "status", "tasks", "uptime_seconds", "version"],
            reports[0].Data.Select(p => p.Key).Order(StringComparer.Ordinal));
        var times = reports.Select(r => DateTimeOffset.Parse((string)r.Message["timestamp"]!, CultureInfo.InvariantCulture)).ToList();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(0.5), $"{pair.First:O} then {pair.Second:O}"));

        // The figures move (memory, uptime), so a report and the endpoints are compared until a pair taken together agrees.
        await Eventually.Until(async () =>
        {
            var health = await http.GetFromJsonAsync<JsonObject>("/health");
            var stats = await http.GetFromJsonAsync<JsonObject>("/stats");
            var data = ReportsOf(instance)[^1].Data;
            return (string?)data["status"] == (string?)health!["status"]
                && (string?)data["version"] == (string?)health["version"]
                && (string?)data["service"] == (string?)health["service"]
                && JsonNode.DeepEquals(data["components"], health["components"])
                && JsonNode.DeepEquals(data["tasks"], stats!["tasks"])
                && JsonNode.DeepEquals(data["resources"], stats["resources"])
                && Math.Abs((long)data["uptime_seconds"]! - (long)stats["uptime_seconds"]!) <= 2;
        }, "a system_status that says what GET /health and GET /stats say");
        Assert.Equal("healthy", ReportsOf(instance)[^1].Status);
    }

    [Fact]
    public async Task Every_instance_answers_a_health_check_at_once()
    {
        var instances = new[] { $"engine-a-{Guid.NewGuid():N}", $"engine-b-{Guid.NewGuid():N}" };
        var settings = instances.Select(i => _reports.Settings(new Dictionary<string, string?>
        {
            ["SYSTEM_STATUS_INTERVAL"] = "86400",
            ["ENGINE_INSTANCE_ID"] = i,
        })).ToList();
        await using var first = await EngineApp.Start(Database, Channels, settings[0]);
        await using var second = await EngineApp.Start(Database, Channels, settings[1]);
        await Eventually.Until(() => instances.All(i => ReportsOf(i).Count == 1 && ReportsOf(i)[0].Status == "healthy"), "each instance's first system_status");
        await Eventually.Until(async () => await Subscribers(_reports.Health) == 2, "both instances listening for health checks");

        await Platform.PublishOn(_reports.Health, Encoding.UTF8.GetBytes(HealthCheck));

        await Eventually.Until(() => instances.All(i => ReportsOf(i).Count == 2), "a second system_status from each instance", TimeSpan.FromSeconds(10));
        Assert.All(instances, i => Assert.Equal("healthy", ReportsOf(i)[1].Status));
        Assert.Equal(1, first.Services.GetRequiredService<HealthCheckRequests>().Received);
        Assert.Equal(1, second.Services.GetRequiredService<HealthCheckRequests>().Received);
    }

    [Fact]
    public async Task Ignores_malformed_health_checks_and_its_own_echo_and_answers_the_next_valid_one()
    {
        var instance = $"engine-{Guid.NewGuid():N}";
        await using var engine = await EngineApp.Start(Database, Channels, _reports.Settings(new Dictionary<string, string?>
        {
            ["SYSTEM_STATUS_INTERVAL"] = "86400",
            ["ENGINE_INSTANCE_ID"] = instance,
        }));
        await Eventually.Until(() => ReportsOf(instance).Count == 1, "the first system_status");
        await Eventually.Until(async () => await Subscribers(_reports.Health) == 1, "the engine listening for health checks");

        byte[][] malformed =
        [
            Encoding.UTF8.GetBytes("health_check please"),
            Encoding.UTF8.GetBytes("""["health_check"]"""),
            Encoding.UTF8.GetBytes("""{"source":"maas_platform"}"""),
            Encoding.UTF8.GetBytes("""{"message_type":"health_check","source":"ai_engine"}"""),
            Encoding.UTF8.GetBytes("""{"message_type":"system_status","source":"maas_platform","data":{"status":"healthy"}}"""),
            [0xFF, 0xFE, 0x00, 0x7B],
            Encoding.UTF8.GetBytes($$"""{"message_type":"health_check","data":"{{new string('x', HealthCheckReader.MaxBytes)}}"}"""),
        ];
        foreach (var body in malformed)
        {
            await Platform.PublishOn(_reports.Health, body);
        }

        // Read in order: once the valid one is answered, every malformed one before it was read and asked for nothing.
        await Platform.PublishOn(_reports.Health, Encoding.UTF8.GetBytes(HealthCheck));

        await Eventually.Until(() => ReportsOf(instance).Count == 2, "the valid health check answered");
        Assert.Equal(1, engine.Services.GetRequiredService<HealthCheckRequests>().Received);
        using var http = engine.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Publishes_at_once_when_its_health_changes_and_again_when_it_recovers()
    {
        var instance = $"engine-{Guid.NewGuid():N}";
        await using var engine = await EngineApp.Start(Database, Channels, _reports.Settings(new Dictionary<string, string?>
        {
            ["SYSTEM_STATUS_INTERVAL"] = "86400",
            ["ENGINE_INSTANCE_ID"] = instance,
        }));
        await Eventually.Until(() => ReportsOf(instance).Count == 1, "the first system_status");
        Assert.Equal("healthy", ReportsOf(instance)[0].Status);

        await Database.TakeAway();
        try
        {
            var down = await Eventually.Until(() => Task.FromResult(ReportsOf(instance)), r => r.Count >= 2, "a system_status once the database is away");
            Assert.Equal("unhealthy", down[1].Status);
            Assert.Equal("disconnected", (string?)down[1].Data["components"]!["database"]);
            Assert.Equal("connected", (string?)down[1].Data["components"]!["redis"]);
            Assert.False(down[1].Data.ContainsKey("tasks"), "no task figures without the saga table");
            Assert.NotNull(down[1].Data["resources"]);
        }
        finally
        {
            await Database.BringBack();
        }

        var up = await Eventually.Until(() => Task.FromResult(ReportsOf(instance)), r => r.Count >= 3, "a system_status once the database is back");
        Assert.Equal("healthy", up[2].Status);
        Assert.Equal("connected", (string?)up[2].Data["components"]!["database"]);
    }

    private List<RedisListener.Received> ReportsOf(string instance) =>
        [.. Platform.On(_reports.System).Where(m => m.MessageType == "system_status" && (string?)m.Data["instance_id"] == instance)];

    private static async Task<long> Subscribers(string channel)
    {
        var redis = await TestServers.RedisConnection();
        var result = await redis.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", channel);
        return (long)((RedisResult[])result!)[1];
    }
}
