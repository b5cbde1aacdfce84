using System.Text.Json.Nodes;
using Maas.RedisBridge.Inbound;
using Maas.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Maas.Tests.EndToEnd;

/// <summary>A cancel handled before its own request (they are handled concurrently) still cancels it.</summary>
public sealed class CancelBeforeRequestTests : WireTest
{
    private const string RequestSentAt = "2025-06-14T05:51:38.986513Z";

    private EngineApp _engine = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _engine = await EngineApp.Start(Database, Channels);

        // The engine is started once it hears the task channel; the status channel is subscribed just after.
        var redis = await TestServers.RedisConnection();
        await Eventually.Until(async () => (long)((RedisResult[])(await redis.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", Channels.Status))!)[1] > 1, "the engine to subscribe to the status channel");
    }

    public override async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_request_whose_cancel_came_first_ends_cancelled_without_running()
    {
        var taskId = SeedMessages.NewTaskId();
        await CancelFirst(taskId, "2025-06-14T05:51:39.500000Z");

        await Platform.Publish(SeedMessages.TaskExecute(taskId, m => m["timestamp"] = RequestSentAt));

        var cancelled = await Platform.WaitFor(taskId, m => FromEngine(m) && m.Status == "CANCELLED", "CANCELLED from the engine");
        Assert.Equal("Cancelled: User cancelled", (string?)cancelled.Data["current_step"]);
        await Eventually.Until(async () => (await _engine.Tasks.Find(taskId, CancellationToken.None))?.CurrentState == "Cancelled", "the row cancelled");
        var row = await _engine.Tasks.Find(taskId, CancellationToken.None);
        Assert.Equal(0, row!.Attempt);
        Assert.Equal(["CANCELLED"], Platform.Statuses(taskId).Where(FromEngine).Select(m => m.Status));
        Assert.Empty(Platform.Results(taskId));
    }

    [Fact]
    public async Task A_request_sent_after_an_older_cancel_runs()
    {
        var taskId = SeedMessages.NewTaskId();
        await CancelFirst(taskId, "2025-06-14T05:51:37.000000Z");

        await Platform.Publish(SeedMessages.TaskExecute(taskId, m => m["timestamp"] = RequestSentAt));

        Assert.Equal("task_completed", (await Platform.WaitForResult(taskId)).MessageType);
        Assert.DoesNotContain(Platform.Statuses(taskId), m => FromEngine(m) && m.Status == "CANCELLED");
    }

    // The listener hears the platform's own cancel on the status channel too.
    private static bool FromEngine(RedisListener.Received message) => (string?)message.Message["source"] == "ai_engine";

    // Publishes the platform's cancel and waits until the engine has taken it up, so it is handled before the request.
    private async Task CancelFirst(string taskId, string sentAt)
    {
        var subscriber = _engine.Services.GetRequiredService<InboundSubscriber>();
        var before = subscriber.Received;
        await Platform.PublishStatus(new JsonObject
        {
            ["message_type"] = "task_status_update",
            ["task_id"] = taskId,
            ["timestamp"] = sentAt,
            ["source"] = "maas_platform",
            ["data"] = new JsonObject { ["status"] = "CANCELLED", ["current_step"] = "User cancelled" },
        });
        await Eventually.Until(() => subscriber.Received > before, "the cancel received");
    }
}
