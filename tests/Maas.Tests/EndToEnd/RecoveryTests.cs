using Maas.Tests.Infrastructure;

namespace Maas.Tests.EndToEnd;

/// <summary>A task outlives the engine instance that held it, and a result that missed Redis is published again.</summary>
public sealed class RecoveryTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> FastRecovery = new()
    {
        ["RECOVERY_INTERVAL_SECONDS"] = "0.5",
        ["ENGINE_INSTANCE_TTL_SECONDS"] = "2",
        ["RESULT_REDELIVERY_AFTER_SECONDS"] = "1",
    };

    private readonly TestDatabase _database = TestDatabase.Named();
    private readonly Channels _channels = Channels.Unique();
    private RedisListener _platform = null!;

    public async Task InitializeAsync() => _platform = await RedisListener.Listen(_channels);

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_task_running_on_an_instance_that_stops_is_taken_over_and_completed_by_another()
    {
        var taskId = SeedMessages.NewTaskId();
        var first = await EngineApp.Start(_database, _channels, new Dictionary<string, string?>(FastRecovery)
        {
            ["ENGINE_INSTANCE_ID"] = "engine-a",
            ["OFFLINE_AGENT_DELAY_MS"] = "600000",
            ["TASK_RETRY_DELAY_SECONDS"] = "0.1",
        });
        await _platform.Publish(SeedMessages.TaskExecute(taskId));
        await _platform.WaitFor(taskId, m => m.Status == "IN_PROGRESS", "IN_PROGRESS on engine-a");
        await first.DisposeAsync();

        await using var second = await EngineApp.Start(_database, _channels, new Dictionary<string, string?>(FastRecovery)
        {
            ["ENGINE_INSTANCE_ID"] = "engine-b",
            ["TASK_RETRY_DELAY_SECONDS"] = "0.1",
        });

        var completed = await _platform.WaitForResult(taskId);
        Assert.Equal("task_completed", completed.MessageType);
        var retry = _platform.Statuses(taskId).Single(m => ((string?)m.Data["current_step"])?.Contains("engine-a stopped", StringComparison.Ordinal) == true);
        Assert.Equal("QUEUED", retry.Status);
        var row = await second.Tasks.Find(taskId, CancellationToken.None);
        Assert.Equal(2, row!.Attempt);
        Assert.Null(row.OwnerInstance);
    }

    [Fact]
    public async Task A_final_result_that_never_reached_redis_is_published_again()
    {
        await using var engine = await EngineApp.Start(_database, _channels, FastRecovery);
        var taskId = SeedMessages.NewTaskId();
        await _platform.Publish(SeedMessages.TaskExecute(taskId));
        await _platform.WaitForResult(taskId);
        await Eventually.Until(async () => (await engine.Tasks.Find(taskId, CancellationToken.None))?.ResultPublishedAt is not null, "the result marked published");

        // As if the PUBLISH had failed: the row says the platform never got it.
        await _database.Scalar<int>("UPDATE ai_engine.task_state SET result_published_at = NULL WHERE task_id = $1", taskId);

        await Eventually.Until(() => _platform.Results(taskId).Count == 2, "the result published again");
        Assert.All(_platform.Results(taskId), m => Assert.Equal("task_completed", m.MessageType));
        await Eventually.Until(async () => (await engine.Tasks.Find(taskId, CancellationToken.None))?.ResultPublishedAt is not null, "the result marked published again");
    }
}
