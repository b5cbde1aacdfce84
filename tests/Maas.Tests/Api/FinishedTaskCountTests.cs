using System.Globalization;
using Maas.Tests.Api.Logging;
using Maas.Tests.Infrastructure;

namespace Maas.Tests.Api;

/// <summary>
/// The finished-task counter counts a task once. An engine process of its own: the engine's meters are static, so
/// engines hosted side by side in the test process would count into each other's scrapes.
/// </summary>
public sealed class FinishedTaskCountTests
{
    private const string Completed = "maas_tasks_finished_total{";

    [Fact]
    public async Task A_task_that_completes_is_counted_once_in_the_finished_tasks()
    {
        await using var engine = await LoggingEngine.Start("text", "INFO");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{engine.Port}") };
        var taskId = SeedMessages.NewTaskId();

        await engine.Platform.Publish(SeedMessages.TaskExecute(taskId));
        Assert.Equal("task_completed", (await engine.Platform.WaitForResult(taskId)).MessageType);

        // Both counts of a task counted twice land in one go, so the first scrape that shows the task shows them both.
        var count = await Eventually.Until(async () => CompletedCount(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative))),
            n => n > 0, "the finished task in the scrape");
        Assert.Equal(1, count);
    }

    private static double CompletedCount(string scrape) =>
        scrape.Split('\n')
            .Where(l => l.StartsWith(Completed, StringComparison.Ordinal) && l.Contains("outcome=\"completed\"", StringComparison.Ordinal)
                && l.Contains("task_type=\"code_generation\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
