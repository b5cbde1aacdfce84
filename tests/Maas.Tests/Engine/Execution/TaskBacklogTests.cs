using Maas.Contracts.Messages;
using Maas.Engine.Execution;

namespace Maas.Tests.Engine.Execution;

/// <summary>The tasks waiting for a worker: urgent first, and a cancelled one never handed out.</summary>
public sealed class TaskBacklogTests
{
    [Fact]
    public async Task Never_hands_out_a_task_removed_while_it_waited()
    {
        using var backlog = new TaskBacklog();
        backlog.Enqueue(Task("a"));
        backlog.Enqueue(Task("b"));
        backlog.Enqueue(Task("c"));

        Assert.True(backlog.Remove("b"));

        Assert.Equal(2, backlog.Depth);
        Assert.Equal("a", (await backlog.Dequeue(CancellationToken.None)).Task.TaskId);
        Assert.Equal("c", (await backlog.Dequeue(CancellationToken.None)).Task.TaskId);
        using var nothingLeft = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await backlog.Dequeue(nothingLeft.Token));
    }

    [Fact]
    public void Says_when_the_task_is_not_waiting_here()
    {
        using var backlog = new TaskBacklog();
        backlog.Enqueue(Task("a"));

        Assert.False(backlog.Remove("z"));
        Assert.Equal(1, backlog.Depth);
    }

    [Fact]
    public async Task Hands_out_urgent_tasks_first_and_others_in_arrival_order()
    {
        using var backlog = new TaskBacklog();
        backlog.Enqueue(Task("normal-1"));
        backlog.Enqueue(Task("urgent", "urgent"));
        backlog.Enqueue(Task("normal-2"));

        Assert.Equal("urgent", (await backlog.Dequeue(CancellationToken.None)).Task.TaskId);
        Assert.Equal("normal-1", (await backlog.Dequeue(CancellationToken.None)).Task.TaskId);
        Assert.Equal("normal-2", (await backlog.Dequeue(CancellationToken.None)).Task.TaskId);
    }

    private static TaskQueued Task(string id, string priority = "normal") => new()
    {
        TaskId = id,
        Attempt = 1,
        TaskType = "code_generation",
        Priority = priority,
        InputData = "{}",
        TimeoutSeconds = 30,
    };
}
