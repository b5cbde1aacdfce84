using Maas.Engine;
using Maas.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Maas.Tests.Engine.Persistence;

/// <summary>The published mark of a result: retried until it lands, so the sweep never publishes a result the platform has.</summary>
public sealed class PublishedResultsWriterTests : WireTest
{
    [Fact]
    public async Task A_published_mark_the_database_refuses_is_retried_until_it_lands_and_the_result_is_not_published_twice()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>
        {
            ["RECOVERY_INTERVAL_SECONDS"] = "0.5",
            ["ENGINE_INSTANCE_TTL_SECONDS"] = "2",
            ["RESULT_REDELIVERY_AFTER_SECONDS"] = "1",
        });
        var owner = engine.Services.GetRequiredService<IOptions<EngineOptions>>().Value.Owner;

        // As PostgreSQL restarting would (57P01), but only for the UPDATE that marks a result published, and until told otherwise.
        await Database.Scalar<int>(
            """
            CREATE TABLE ai_engine.test_refuse_marks (x int);
            INSERT INTO ai_engine.test_refuse_marks VALUES (1);
            CREATE FUNCTION ai_engine.test_refuse_mark() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF EXISTS (SELECT 1 FROM ai_engine.test_refuse_marks) THEN
                RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = 'admin_shutdown';
              END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER test_refuse_mark BEFORE UPDATE OF result_published_at ON ai_engine.task_state FOR EACH ROW
              WHEN (OLD.result_published_at IS NULL AND NEW.result_published_at IS NOT NULL) EXECUTE FUNCTION ai_engine.test_refuse_mark();
            """);

        var taskId = SeedMessages.NewTaskId();
        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        await Platform.WaitForResult(taskId);

        // Several sweeps run after the result became due for publishing again, had its mark been dropped.
        await Eventually.Until(async () => await Database.Scalar<bool>(
                "SELECT i.last_seen_at > t.finished_at + interval '3 seconds' FROM ai_engine.engine_instance i, ai_engine.task_state t WHERE i.instance_id = $1 AND t.task_id = $2",
                owner, taskId),
            "three sweeps after the result was due again");
        Assert.Single(Platform.Results(taskId));
        var held = await engine.Tasks.Find(taskId, CancellationToken.None);
        Assert.Null(held!.ResultPublishedAt);
        Assert.Equal(owner, held.OwnerInstance);

        await Database.Scalar<int>("DELETE FROM ai_engine.test_refuse_marks");

        var marked = await Eventually.Until(() => engine.Tasks.Find(taskId, CancellationToken.None), r => r?.ResultPublishedAt is not null, "the mark landed");
        Assert.Null(marked!.OwnerInstance);
        Assert.Single(Platform.Results(taskId));
    }
}
