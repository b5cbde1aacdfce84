using System.Globalization;
using Maas.Contracts.Wire;
using Maas.Tests.Infrastructure;

namespace Maas.Tests.EndToEnd;

/// <summary>Every message carries a message_id that every copy of it shares, whoever sends the copy.</summary>
public sealed class MessageIdTests : WireTest
{
    private static readonly Dictionary<string, string?> FastRecovery = new()
    {
        ["RECOVERY_INTERVAL_SECONDS"] = "0.5",
        ["RESULT_REDELIVERY_AFTER_SECONDS"] = "1",
    };

    [Fact]
    public async Task Every_message_of_a_task_carries_its_own_message_id_and_the_result_one_named_by_its_run()
    {
        await using var engine = await EngineApp.Start(Database, Channels);
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));

        var completed = await Platform.WaitForResult(taskId);
        var finishedAt = DateTimeOffset.Parse((string)completed.Message["timestamp"]!, CultureInfo.InvariantCulture);
        Assert.Equal(MessageIds.ForResult(taskId, MessageTypes.TaskCompleted, finishedAt), (string?)completed.Message["message_id"]);
        var ids = Platform.For(taskId).Select(m => (string?)m.Message["message_id"]).ToList();
        Assert.All(ids, id => Assert.True(Guid.TryParse(id, out _), id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_result_published_again_from_its_row_carries_the_same_message_id()
    {
        await using var engine = await EngineApp.Start(Database, Channels, FastRecovery);
        var taskId = SeedMessages.NewTaskId();
        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        await Platform.WaitForResult(taskId);
        await Eventually.Until(async () => (await engine.Tasks.Find(taskId, CancellationToken.None))?.ResultPublishedAt is not null, "the result marked published");

        await Database.Scalar<int>("UPDATE ai_engine.task_state SET result_published_at = NULL WHERE task_id = $1", taskId);

        await Eventually.Until(() => Platform.Results(taskId).Count == 2, "the result published again");
        var results = Platform.Results(taskId);
        Assert.Equal((string?)results[0].Message["message_id"], (string?)results[1].Message["message_id"]);
    }

    [Fact]
    public async Task Two_instances_answer_one_bad_request_with_one_message_id()
    {
        await using var first = await EngineApp.Start(Database, Channels);
        await using var second = await EngineApp.Start(Database, Channels);
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId, m => m.Data().Remove("environment_id")));

        await Eventually.Until(() => Platform.Results(taskId).Count == 2, "an answer from each instance");
        var answers = Platform.Results(taskId);
        Assert.All(answers, a => Assert.Equal("invalid_input", (string?)a.Data["error_type"]));
        Assert.Equal((string?)answers[0].Message["message_id"], (string?)answers[1].Message["message_id"]);
        Assert.Equal(MessageIds.ForAnswer(taskId, MessageTypes.TaskFailed, "2025-06-14T05:51:38.986513Z"), (string?)answers[0].Message["message_id"]);
    }
}
