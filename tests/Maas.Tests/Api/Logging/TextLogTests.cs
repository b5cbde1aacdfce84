using System.Text.RegularExpressions;
using Maas.Tests.Infrastructure;

namespace Maas.Tests.Api.Logging;

/// <summary>The default <c>LOG_FORMAT=text</c>, for a terminal: one line an entry, each starting with its UTC time.</summary>
public sealed partial class TextLogTests
{
    [Fact]
    public async Task Each_entry_is_one_line_starting_with_its_time_and_a_task_s_lines_name_it()
    {
        await using var engine = await LoggingEngine.Start("text", "INFO");
        var taskId = SeedMessages.NewTaskId();
        await engine.Platform.Publish(SeedMessages.TaskExecute(taskId));
        await engine.Platform.WaitForResult(taskId);
        await Eventually.Until(() => engine.Process.Lines.Any(l => l.Contains($"Task {taskId} completed after", StringComparison.Ordinal)), "the task's last line");

        // An entry written over several lines (a stack trace, a scope) would leave lines without a time of their own.
        Assert.All(engine.Process.Lines, line => Assert.Matches(TextLine(), line));
        var lines = engine.Process.Lines.Where(l => l.Contains(taskId, StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.Contains($"info: Maas.Engine.Tasks.TaskStateMachine", StringComparison.Ordinal) && l.Contains($"Task {taskId} accepted:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"Task {taskId} attempt 1 started on agent code_generator_658e1617", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"Task {taskId} attempt 1 completed on agent code_generator_658e1617 in ", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^\d{2}:\d{2}:\d{2}\.\d{3} (trce|dbug|info|warn|fail|crit): \S+\[\d+\] ")]
    private static partial Regex TextLine();
}
