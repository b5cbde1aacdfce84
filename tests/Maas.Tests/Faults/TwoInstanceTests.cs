using Maas.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Maas.Tests.Faults;

/// <summary>Two instances hear every request on the same channels; each task still runs once and is answered once.</summary>
[Collection(FaultSuite.Name)]
public sealed class TwoInstanceTests(FaultServers servers, ITestOutputHelper output) : FaultScenario(servers, output)
{
    private const int Tasks = 400;

    [Fact]
    public async Task Two_instances_on_the_same_channels_run_every_task_exactly_once()
    {
        var settings = new Dictionary<string, string> { ["OFFLINE_AGENT_DELAY_MS"] = "20", ["MAX_CONCURRENT_TASKS"] = "20" };
        await Task.WhenAll(StartEngine("engine-a", settings), StartEngine("engine-b", settings));
        await Eventually.Until(async () => await Platform.EngineSubscribers() == 2, "both engines subscribed");

        var accepted = await PublishValid(Enumerable.Range(0, Tasks).Select(_ => ValidTask("two_instances")));
        Assert.Equal(Tasks, accepted);

        var reckoning = await Survived("two instances on the same channels", "each request heard by both", TimeSpan.FromSeconds(40));
        Assert.Empty(reckoning.ReExecuted);
    }
}
