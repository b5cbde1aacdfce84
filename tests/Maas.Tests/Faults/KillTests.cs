using Maas.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Maas.Tests.Faults;

/// <summary>
/// <c>kill -9</c> of an engine holding tasks in every non-final state: waiting for a retry, running (the agent is slow),
/// and queued behind busy workers. What it held is taken over and finished; running attempts are legitimately run again.
/// </summary>
[Collection(FaultSuite.Name)]
public sealed class KillTests(FaultServers servers, ITestOutputHelper output) : FaultScenario(servers, output)
{
    private const int WaitingForRetry = 30;
    private const int Workers = 20;
    private const int Queued = 150;

    [Fact]
    public async Task Kill_9_with_tasks_queued_running_and_waiting_for_a_retry_loses_and_doubles_nothing()
    {
        await KillWithTasksInEveryState("engine-taker");
        await Survived("`kill -9` with tasks queued, running and waiting for a retry; another instance takes over",
            $"{WaitingForRetry} waiting for a retry, {Workers} running, {Queued} queued; re-executed = the running ones, run again", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Kill_9_and_a_restart_under_the_same_instance_id_loses_and_doubles_nothing()
    {
        await KillWithTasksInEveryState("engine-killed");
        await Survived("`kill -9`, then a restart under the same `ENGINE_INSTANCE_ID`",
            $"{WaitingForRetry} waiting for a retry, {Workers} running, {Queued} queued; re-executed = the running ones, run again", TimeSpan.FromSeconds(20));
    }

    /// <summary>Fills an engine with tasks in each state, kills it, and starts <paramref name="successor"/> with a fast agent.</summary>
    private async Task KillWithTasksInEveryState(string successor)
    {
        var killed = await StartEngine("engine-killed", new Dictionary<string, string>
        {
            ["OFFLINE_AGENT_DELAY_MS"] = "600000",
            ["MAX_CONCURRENT_TASKS"] = Workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The first attempt of a 1-second task times out, and its retry waits well past the kill.
            ["TASK_RETRY_DELAY_SECONDS"] = "60",
        });

        var retrying = Enumerable.Range(0, WaitingForRetry).Select(_ => ValidTask("kill_retry", m => m.Data()["configuration"]!["timeout"] = 1)).ToList();
        Assert.Equal(WaitingForRetry, await PublishValid(retrying, plannedAttempts: 2));
        await WaitForRows([.. retrying.Select(t => t.TaskId)], r => r is { State: "Queued", Attempt: 1 }, "the first attempts timed out, their retries waiting");

        var running = Enumerable.Range(0, Workers).Select(_ => ValidTask("kill_running")).ToList();
        Assert.Equal(Workers, await PublishValid(running));
        await WaitForRows([.. running.Select(t => t.TaskId)], r => r.State == "InProgress", "every worker busy");

        var queued = Enumerable.Range(0, Queued).Select(_ => ValidTask("kill_queued")).ToList();
        Assert.Equal(Queued, await PublishValid(queued));
        await WaitForRows([.. queued.Select(t => t.TaskId)], r => r is { State: "Queued", Attempt: 0 }, "the rest queued");

        await killed.Kill();
        await StartEngine(successor, new Dictionary<string, string> { ["OFFLINE_AGENT_DELAY_MS"] = "0" });
    }
}
