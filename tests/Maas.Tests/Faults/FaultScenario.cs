using System.Diagnostics;
using System.Text.Json.Nodes;
using Maas.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Maas.Tests.Faults;

/// <summary>
/// One fault scenario on the collection's private servers: a database and channels of its own, the platform played on
/// the wire, a ledger of the valid tasks sent, and at the end the figures (recorded in the survival table and printed)
/// and the assertions: nothing lost, nothing doubled, no valid task harmed. Each concrete scenario class names the
/// fault collection itself, so that xunit runs it serially on the collection's servers.
/// </summary>
public abstract class FaultScenario(FaultServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<EngineProcess> _engines = [];
    private readonly Stopwatch _clock = new();

    internal FaultServers Servers { get; } = servers;

    internal string Database { get; } = $"maas_faults_{Guid.NewGuid():N}";

    internal string ConnectionString => Servers.Postgres.ConnectionString(Database);

    internal WirePlatform Platform { get; private set; } = null!;

    internal TaskLedger Ledger { get; } = new();

    public async Task InitializeAsync()
    {
        Platform = await WirePlatform.Connect(Servers.Redis, Channels.Unique());
        _clock.Start();
    }

    public async Task DisposeAsync()
    {
        foreach (var engine in _engines)
        {
            await engine.DisposeAsync();
        }

        await Platform.DisposeAsync();
    }

    internal async Task<EngineProcess> StartEngine(string instanceId, IReadOnlyDictionary<string, string>? settings = null)
    {
        var engine = await EngineProcess.Start(Servers, Database, Platform, instanceId, settings);
        lock (_engines)
        {
            _engines.Add(engine);
        }

        return engine;
    }

    /// <summary>The seed's request under a new id; <paramref name="change"/> adjusts it (e.g. a short timeout).</summary>
    internal static (string TaskId, string Json) ValidTask(string prefix, Action<JsonObject>? change = null, string? taskId = null)
    {
        var id = taskId ?? SeedMessages.NewTaskId(prefix);
        return (id, SeedMessages.TaskExecute(id, change).ToJsonString());
    }

    /// <summary>Publishes valid tasks all at once (the client pipelines them) and enters those an engine heard in the ledger.</summary>
    internal async Task<int> PublishValid(IEnumerable<(string TaskId, string Json)> tasks, int plannedAttempts = 1)
    {
        var sent = tasks.Select(async t => (t.TaskId, Receivers: await Platform.Publish(t.Json))).ToList();
        var accepted = 0;
        foreach (var (taskId, receivers) in await Task.WhenAll(sent))
        {
            if (receivers > 0)
            {
                Ledger.Add(taskId, plannedAttempts);
                accepted++;
            }
        }

        return accepted;
    }

    /// <summary>
    /// Publishes <paramref name="count"/> seed tasks at a steady pace, as a busy platform would, and sets off
    /// <paramref name="fault"/> after <paramref name="faultAfter"/> of them without pausing the load. A task no engine
    /// heard (Redis away, or the engine not yet subscribed again) is not entered in the ledger: the platform's publish
    /// told it so. Returns how many were refused that way.
    /// </summary>
    internal async Task<int> PublishUnderLoad(string prefix, int count, TimeSpan pace, int faultAfter, Func<Task> fault)
    {
        using var timer = new PeriodicTimer(pace);
        Task? faulting = null;
        var refused = 0;
        for (var i = 0; i < count; i++)
        {
            if (i == faultAfter)
            {
                faulting = Task.Run(fault);
            }

            var (taskId, json) = ValidTask(prefix);
            if (await Platform.Publish(json) > 0)
            {
                Ledger.Add(taskId);
            }
            else
            {
                refused++;
            }

            await timer.WaitForNextTickAsync();
        }

        await (faulting ?? Task.CompletedTask);
        return refused;
    }

    /// <summary>Waits for the rows of the ledger's tasks to satisfy <paramref name="done"/>.</summary>
    internal Task WaitForRows(IReadOnlyCollection<string> taskIds, Func<SagaRow, bool> done, string what, TimeSpan? timeout = null) =>
        Eventually.Until(async () =>
        {
            var rows = await SagaRows.Read(ConnectionString, taskIds);
            return taskIds.All(id => rows.TryGetValue(id, out var row) && done(row));
        }, what, timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>Settles, reckons, records and prints the figures, then asserts that the engine survived.</summary>
    internal async Task<Reckoning> Survived(string scenario, string notes, TimeSpan settle)
    {
        await Ledger.Settle(Platform, ConnectionString, settle);
        var reckoning = await Ledger.Reckon(Platform, ConnectionString);
        _clock.Stop();
        if (Platform.Unparsed > 0)
        {
            notes += $"; {Platform.Unparsed} engine messages without a readable task_id";
        }

        var figures = reckoning.Figures(scenario, Ledger.Count, _clock.Elapsed, notes);
        output.WriteLine(Servers.Table.Add(figures));
        output.WriteLine($"written to {Servers.Table.Path}{reckoning.Describe()}");
        Assert.True(reckoning.Lost.Count == 0 && reckoning.Doubled.Count == 0 && reckoning.Harmed.Count == 0,
            $"{scenario}: {figures.Lost} lost, {figures.Doubled} doubled, {figures.Harmed} valid tasks harmed of {figures.Tasks}{reckoning.Describe()}");
        return reckoning;
    }
}
