using Maas.Contracts.Messages;
using Maas.Engine.Agents;
using Maas.Engine.Execution;
using Maas.Tests.Engine.Agents;

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

    [Fact]
    public async Task A_task_waiting_for_its_full_agent_keeps_its_place_while_tasks_for_other_agents_run()
    {
        var agents = TestAgents.Catalog(null, 10, TestAgents.Coder("a", 1), TestAgents.Coder("b", 1));
        using var backlog = new TaskBacklog(new AgentDispatcher(agents, TimeProvider.System));
        backlog.Enqueue(Task("for-a-1", "urgent", agentId: "a"));
        backlog.Enqueue(Task("for-a-2", "high", agentId: "a"));
        backlog.Enqueue(Task("for-b", "normal", agentId: "b"));
        backlog.Enqueue(Task("for-a-3", "normal", agentId: "a"));

        var first = await backlog.Dequeue(CancellationToken.None);
        var second = await backlog.Dequeue(CancellationToken.None);

        Assert.Equal(("for-a-1", "a"), (first.Task.TaskId, first.Choice!.AgentId));
        Assert.Equal(("for-b", "b"), (second.Task.TaskId, second.Choice!.AgentId));
        Assert.Equal(1, agents.ActivityOf("a").Running);
        using (var bothFull = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await backlog.Dequeue(bothFull.Token));
        }

        agents.ActivityOf("a").End(DateTimeOffset.UtcNow);
        backlog.Done("for-a-1");

        var third = await backlog.Dequeue(CancellationToken.None);
        Assert.Equal(("for-a-2", "a"), (third.Task.TaskId, third.Choice!.AgentId));
        Assert.Equal(1, backlog.Depth);
    }

    [Fact]
    public async Task A_task_no_agent_can_run_is_handed_out_to_be_refused_rather_than_kept()
    {
        var agents = TestAgents.Catalog(null, 10, TestAgents.Coder("a", 1));
        using var backlog = new TaskBacklog(new AgentDispatcher(agents, TimeProvider.System));
        backlog.Enqueue(Task("poem", taskType: "poetry"));

        var dispatch = await backlog.Dequeue(CancellationToken.None);

        Assert.Equal(AgentChoiceKind.NoAgent, dispatch.Choice!.Kind);
        Assert.Equal(0, agents.ActivityOf("a").Running);
    }

    [Fact]
    public async Task Takes_the_agents_slot_when_it_hands_a_task_out()
    {
        var agents = TestAgents.Catalog(null, 10, TestAgents.Coder("a", 2));
        using var backlog = new TaskBacklog(new AgentDispatcher(agents, TimeProvider.System));
        backlog.Enqueue(Task("t1"));
        backlog.Enqueue(Task("t2"));
        backlog.Enqueue(Task("t3"));

        await backlog.Dequeue(CancellationToken.None);
        await backlog.Dequeue(CancellationToken.None);

        Assert.Equal(2, agents.ActivityOf("a").Running);
        Assert.Equal(1, backlog.Depth);
    }

    private static TaskQueued Task(string id, string priority = "normal", string? agentId = null, string taskType = "code_generation") => new()
    {
        TaskId = id,
        AgentId = agentId,
        Attempt = 1,
        TaskType = taskType,
        Priority = priority,
        InputData = "{}",
        TimeoutSeconds = 30,
    };
}
