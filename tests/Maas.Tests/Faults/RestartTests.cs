using System.Diagnostics;
using System.Globalization;
using Maas.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Maas.Tests.Faults;

/// <summary>
/// The servers the engine depends on restart while tasks stream in and run. Redis restarts as after a crash (SIGKILL,
/// it keeps nothing); PostgreSQL restarts fast (every connection cut, open transactions rolled back), as in a failover.
/// </summary>
[Collection(FaultSuite.Name)]
public sealed class RestartTests(FaultServers servers, ITestOutputHelper output) : FaultScenario(servers, output)
{
    private const int FaultAfter = 150;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(10);
    // Five restarts rather than one: what a restart breaks depends on where it falls, and one often falls between batches.
    private static readonly string[] RestartModes = ["fast", "immediate", "fast", "immediate", "fast"];

    private static readonly Dictionary<string, string> Busy = new()
    {
        ["OFFLINE_AGENT_DELAY_MS"] = "100",
        ["MAX_CONCURRENT_TASKS"] = "20",
    };

    [Fact]
    public async Task A_redis_restart_under_load_loses_and_doubles_no_accepted_task()
    {
        await StartEngine("engine-redis", Busy);
        var outage = Stopwatch.StartNew();
        // Long enough for the load to go on for seconds after Redis is back.
        const int tasks = 700;
        var refused = await PublishUnderLoad("redis_restart", tasks, Pace, FaultAfter, async () =>
        {
            outage.Restart();
            await Servers.Redis.Restart();
            await Eventually.Until(async () => await Platform.EngineSubscribers() > 0, "the engine to subscribe again", TimeSpan.FromSeconds(30));
            outage.Stop();
        });

        await Survived("Redis restart (SIGKILL, restarted on the same port) under load",
            string.Create(CultureInfo.InvariantCulture, $"{tasks} published at 100/s, {refused} not heard by any engine while Redis was away ({outage.Elapsed.TotalSeconds:0.0} s until the engine listened again) and not counted"),
            TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_postgresql_restart_under_load_loses_doubles_and_harms_nothing()
    {
        await StartEngine("engine-postgres", Busy);
        var outages = new List<string>();
        const int tasks = 800;
        var refused = await PublishUnderLoad("postgres_restart", tasks, Pace, FaultAfter, async () =>
        {
            foreach (var mode in RestartModes)
            {
                var outage = Stopwatch.StartNew();
                await Servers.Postgres.Restart(mode);
                outages.Add(string.Create(CultureInfo.InvariantCulture, $"{mode} {outage.Elapsed.TotalSeconds:0.0} s"));
            }
        });

        Assert.Equal(0, refused);
        await Survived("five PostgreSQL restarts (`pg_ctl restart`, `-m fast` and `-m immediate` in turn) under load",
            $"{tasks} published at 100/s; restarts took {string.Join(", ", outages)}", TimeSpan.FromSeconds(20));
    }
}
