using Maas.Tests.Infrastructure;

namespace Maas.Tests.Api;

/// <summary><c>GET /metrics</c>: the Prometheus scrape of the engine's metrics, with label values the platform cannot multiply.</summary>
public sealed class MetricsEndpointTests : WireTest
{
    [Fact]
    public async Task Scrapes_finished_tasks_by_outcome_with_a_made_up_task_type_counted_as_other()
    {
        await using var engine = await EngineApp.Start(Database, Channels);
        var madeUp = $"made_up_kind_{Guid.NewGuid():N}";
        var good = SeedMessages.NewTaskId();
        var odd = SeedMessages.NewTaskId("odd");

        await Platform.Publish(SeedMessages.TaskExecute(good));
        await Platform.Publish(SeedMessages.TaskExecute(odd, m => m.Data()["task_type"] = madeUp));
        Assert.Equal("task_completed", (await Platform.WaitForResult(good)).MessageType);
        Assert.Equal("task_failed", (await Platform.WaitForResult(odd)).MessageType);

        using var http = engine.CreateClient();
        var scrape = await Eventually.Until(() => http.GetStringAsync(new Uri("/metrics", UriKind.Relative)),
            text => Series(text, "maas_tasks_finished_total", "task_type=\"other\"", "outcome=\"failed\"", "error_type=\"agent_unavailable\"").Any()
                && Series(text, "maas_tasks_finished_total", "task_type=\"code_generation\"", "outcome=\"completed\"", "error_type=\"none\"").Any(),
            "the finished tasks in the scrape");

        Assert.DoesNotContain(madeUp, scrape, StringComparison.Ordinal);
        Assert.NotEmpty(Series(scrape, "maas_tasks_duration_seconds_bucket", "task_type=\"code_generation\"", "outcome=\"completed\""));
        Assert.NotEmpty(Series(scrape, "maas_tasks_execution_duration_seconds_count", "task_type=\"code_generation\"", "outcome=\"completed\"", "agent_id=\"other\""));
        Assert.NotEmpty(Series(scrape, "maas_tasks_queue_wait_duration_seconds_count", "task_type=\"code_generation\""));
        Assert.NotEmpty(Series(scrape, "maas_model_tokens_total", "model=\"offline\"", "token_type=\"output\""));
        Assert.NotEmpty(Series(scrape, "maas_tasks_queue_depth"));
        Assert.NotEmpty(Series(scrape, "maas_tasks_in_flight"));
        Assert.Contains("\ndotnet_", scrape, StringComparison.Ordinal);
        Assert.Contains("\ndb_client_", scrape, StringComparison.Ordinal);
    }

    // The sample lines of a metric whose labels include every one given.
    private static IEnumerable<string> Series(string scrape, string metric, params string[] labels) =>
        scrape.Split('\n').Where(line => (line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
            && labels.All(l => line.Contains(l, StringComparison.Ordinal)));
}
