using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Maas.Tests.Infrastructure;

namespace Maas.Tests.Api.Logging;

/// <summary>
/// <c>LOG_FORMAT=json</c> on the real engine process, read as a log shipper reads it: one JSON object a line, with a UTC
/// timestamp, level, category and message, and each task's lines carrying its <c>task_id</c>.
/// </summary>
public sealed partial class JsonLogTests(JsonEngineFixture fixture) : IClassFixture<JsonEngineFixture>
{
    private const string StateMachine = "Maas.Engine.Tasks.TaskStateMachine";
    private const string Runner = "Maas.Engine.Execution.TaskRunner";

    private static readonly string[] Levels = ["TRACE", "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"];

    private LoggingEngine Engine => fixture.Engine;

    [Fact]
    public async Task Every_line_is_one_json_object_with_a_utc_timestamp_level_category_and_message()
    {
        var taskId = SeedMessages.NewTaskId();
        await Engine.Platform.Publish(SeedMessages.TaskExecute(taskId));
        await Engine.Platform.WaitForResult(taskId);

        var lines = Engine.JsonLines();
        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            var timestamp = (string?)line["timestamp"];
            Assert.Matches(UtcTimestamp(), timestamp);
            Assert.True(DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out var when));
            Assert.Equal(TimeSpan.Zero, when.Offset);
            Assert.Contains((string?)line["level"], Levels);
            Assert.False(string.IsNullOrEmpty((string?)line["category"]));
            Assert.NotNull((string?)line["message"]);
        });
    }

    [Fact]
    public async Task A_task_leaves_a_line_at_info_when_accepted_when_its_attempt_starts_and_when_it_ends_each_with_its_task_id()
    {
        var taskId = SeedMessages.NewTaskId();
        await Engine.Platform.Publish(SeedMessages.TaskExecute(taskId));
        await Engine.Platform.WaitForResult(taskId);

        var accepted = await Engine.WaitForLine(taskId, l => Is(l, StateMachine, "accepted:"), "the accepted line");
        Assert.Equal("code_generation", (string?)accepted["task_type"]);
        Assert.Equal("code_generator_658e1617", (string?)accepted["agent_id"]);
        Assert.Equal("normal", (string?)accepted["priority"]);

        var started = await Engine.WaitForLine(taskId, l => Is(l, Runner, "started"), "the attempt's start");
        Assert.Equal(1, (int?)started["attempt"]);
        Assert.Equal("code_generator_658e1617", (string?)started["agent_id"]);

        var ended = await Engine.WaitForLine(taskId, l => Is(l, Runner, "completed"), "the attempt's end");
        Assert.Equal("completed", (string?)ended["outcome"]);
        Assert.Equal(1, (int?)ended["attempt"]);
        Assert.InRange((long?)ended["duration_ms"] ?? -1, LoggingEngine.ModelDelayMs - 100, 60_000);
        Assert.True((long?)ended["tokens"] > 0, ended.ToJsonString());
        Assert.Equal("code_generator_658e1617", (string?)ended["agent_id"]);

        var finished = await Engine.WaitForLine(taskId, l => Is(l, StateMachine, "completed"), "the task's end");
        Assert.Equal("completed", (string?)finished["outcome"]);
        Assert.All([accepted, started, ended, finished], l => Assert.Equal("INFO", (string?)l["level"]));
    }

    [Fact]
    public async Task A_request_published_again_while_the_task_is_known_is_logged_as_a_duplicate_at_info_and_conflicts_warn_nothing()
    {
        var taskId = SeedMessages.NewTaskId();
        var request = SeedMessages.TaskExecute(taskId).ToJsonString();

        // Several copies at once: their inserts race, and the losers are retried by the saga, which is no warning.
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Engine.Platform.Publish(request)));
        await Engine.Platform.WaitForResult(taskId);

        var duplicate = await Engine.WaitForLine(taskId, l => ((string?)l["message"])!.StartsWith("Duplicate request", StringComparison.Ordinal), "a duplicate");
        Assert.Equal("INFO", (string?)duplicate["level"]);
        Assert.Single(Engine.LinesOf(taskId), l => Is(l, StateMachine, "accepted:"));
        Assert.Equal(4, Engine.LinesOf(taskId).Count(l => ((string?)l["message"])!.StartsWith("Duplicate request", StringComparison.Ordinal)));
        AssertNoWarningNorStack();
    }

    [Fact]
    public async Task A_timeout_is_logged_at_info_naming_the_task_with_no_warning_and_no_stack_trace()
    {
        var taskId = SeedMessages.NewTaskId();
        await Engine.Platform.Publish(SeedMessages.TaskExecute(taskId, m =>
        {
            m.Data()["configuration"]!["timeout"] = 1;
            m.Data()["configuration"]!["max_retries"] = 0;
        }));
        var result = await Engine.Platform.WaitForResult(taskId);
        Assert.Equal("agent_timeout", (string?)result.Data["error_type"]);

        var timedOut = await Engine.WaitForLine(taskId, l => Is(l, Runner, "timed_out"), "the attempt's timeout");
        Assert.Equal("INFO", (string?)timedOut["level"]);
        Assert.Equal("timed_out", (string?)timedOut["outcome"]);
        Assert.Equal("agent_timeout", (string?)timedOut["error_type"]);
        var failed = await Engine.WaitForLine(taskId, l => Is(l, StateMachine, "failed"), "the task's end");
        Assert.Equal("agent_timeout", (string?)failed["error_type"]);
        AssertNoWarningNorStack();
    }

    private void AssertNoWarningNorStack()
    {
        var lines = Engine.JsonLines();
        Assert.DoesNotContain(lines, l => (string?)l["level"] is "WARNING" or "ERROR" or "CRITICAL");
        Assert.DoesNotContain(lines, l => l.ContainsKey("exception"));
        Assert.DoesNotContain(Engine.Process.Lines, l => l.Contains("   at ", StringComparison.Ordinal));
    }

    private static bool Is(JsonObject line, string category, string word) =>
        (string?)line["category"] == category && ((string?)line["message"])!.Contains($" {word}", StringComparison.Ordinal);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")]
    private static partial Regex UtcTimestamp();
}
