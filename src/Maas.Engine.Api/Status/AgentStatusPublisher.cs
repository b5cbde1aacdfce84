using Maas.Contracts.Wire;
using Maas.Engine.Agents;
using Maas.RedisBridge.Outbound;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Api.Status;

/// <summary>
/// Publishes <c>agent_status</c> for every agent of this instance every <c>AGENT_HEARTBEAT_INTERVAL</c> seconds, and for
/// one agent as soon as its status (active, busy, offline) differs from the last one published for it: statuses are
/// compared every <see cref="ChangeCheck"/>, which costs a snapshot of a few agents in memory. A status is counted as
/// published only once Redis took it, so a change made while Redis was away is sent when it returns. Never throws:
/// the reports are the platform's view of the engine, not part of its work. On a graceful stop every agent is
/// reported <c>offline</c>, since the instance's copies of them go with it.
/// </summary>
internal sealed partial class AgentStatusPublisher(
    AgentCatalog catalog,
    StatusChannels channels,
    IOptions<EngineOptions> engine,
    IOptions<StatusOptions> status,
    TimeProvider clock,
    ILogger<AgentStatusPublisher> logger) : BackgroundService
{
    /// <summary>How often statuses are compared with the last ones published: a change reaches the platform within this.</summary>
    public static readonly TimeSpan ChangeCheck = TimeSpan.FromSeconds(1);

    // A stop must not wait out Redis's own timeout when Redis is away.
    private static readonly TimeSpan FarewellPatience = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, string> _published = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _farewellSaid;

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    /// <summary>A stopping instance takes its copies of the agents with it: each is reported <c>offline</c> as it goes.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // A host may be asked to stop more than once (a test host's wrapper stops the host it wraps, then itself).
        if (Interlocked.Exchange(ref _farewellSaid, 1) == 1)
        {
            return;
        }

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(FarewellPatience);
        try
        {
            var now = clock.GetUtcNow();
            foreach (var agent in Snapshot())
            {
                if (!await channels.AgentStatus(agent.AgentId, Data(agent, engine.Value.InstanceId) with { Status = AgentStatuses.Offline }, now, patience.Token))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReportFailed(e);
        }
        catch (OperationCanceledException)
        {
            // Out of patience: the stop goes on, and the platform learns from the silence instead.
            LogFarewellCut(cancellationToken.IsCancellationRequested);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(EveryInterval(stoppingToken), OnChange(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task EveryInterval(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(engine.Value.AgentHeartbeatIntervalSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await Report(everyAgent: true, stoppingToken);
        }
    }

    private async Task OnChange(CancellationToken stoppingToken)
    {
        // Nothing was published yet, so every agent "changes" now: the platform hears of them at start.
        await Report(everyAgent: false, stoppingToken);
        using var timer = new PeriodicTimer(ChangeCheck, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await Report(everyAgent: false, stoppingToken);
        }
    }

    private async Task Report(bool everyAgent, CancellationToken stoppingToken)
    {
        await _gate.WaitAsync(stoppingToken);
        try
        {
            var now = clock.GetUtcNow();
            var instanceId = engine.Value.InstanceId;
            foreach (var agent in Snapshot())
            {
                if (!everyAgent && _published.TryGetValue(agent.AgentId, out var last) && last == agent.Status)
                {
                    continue;
                }

                if (!await channels.AgentStatus(agent.AgentId, Data(agent, instanceId), now, stoppingToken))
                {
                    // Redis is away: the other agents would each wait out its timeout too. The next round tries again.
                    return;
                }

                _published[agent.AgentId] = agent.Status;
                if (everyAgent && status.Value.SendsAgentHeartbeats)
                {
                    await channels.AgentHeartbeat(agent.AgentId, instanceId,
                        new AgentHeartbeatData { Status = agent.Status, CurrentLoad = agent.CurrentLoad, ActiveTasks = agent.Running }, now, stoppingToken);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogReportFailed(e);
        }
        finally
        {
            _gate.Release();
        }
    }

    // The one place agents are read: the catalog's snapshot is the single view of an agent (GET /agents, /health, /stats).
    private IReadOnlyList<AgentSnapshot> Snapshot() => catalog.Snapshot();

    private static AgentStatusData Data(AgentSnapshot agent, string instanceId) => new()
    {
        Status = agent.Status,
        Type = agent.Type,
        Capabilities = agent.Capabilities,
        CurrentLoad = agent.CurrentLoad,
        MaxLoad = agent.MaxConcurrentTasks,
        ActiveTasks = agent.Running,
        Provider = agent.Provider,
        Model = agent.Model,
        InstanceId = instanceId,
        LastActivity = agent.LastActivity,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Agents not all reported offline at stop (stop cut short: {StopCut})")]
    private partial void LogFarewellCut(bool stopCut);

    [LoggerMessage(Level = LogLevel.Error, Message = "Agent status report failed; the next one is tried on schedule")]
    private partial void LogReportFailed(Exception exception);
}
