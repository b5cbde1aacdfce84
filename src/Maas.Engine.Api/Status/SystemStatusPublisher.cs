using Maas.Contracts.Api;
using Maas.Contracts.Wire;
using Maas.RedisBridge.Inbound;
using Maas.RedisBridge.Outbound;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Api.Status;

/// <summary>
/// Publishes this instance's <c>system_status</c>: every <c>SYSTEM_STATUS_INTERVAL</c> seconds, at once when a
/// <c>health_check</c> asks, and when its health (the <c>status</c> and <c>components</c> of <c>GET /health</c>)
/// differs from the last one published, which is checked every <see cref="HealthWatch"/> (a Redis PING and a
/// <c>SELECT 1</c>, the same probes <c>GET /health</c> runs). Its figures are those of <see cref="EngineHealth"/> and
/// <see cref="EngineStats"/>, so the message and the endpoints agree. Never throws.
/// </summary>
internal sealed partial class SystemStatusPublisher(
    EngineHealth health,
    EngineStats stats,
    StatusChannels channels,
    HealthCheckRequests requests,
    IOptions<EngineOptions> engine,
    IOptions<StatusOptions> status,
    TimeProvider clock,
    ILogger<SystemStatusPublisher> logger) : BackgroundService
{
    /// <summary>How often health is probed for a change between two periodic reports.</summary>
    public static readonly TimeSpan HealthWatch = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private HealthResponse? _published;

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(EveryInterval(stoppingToken), OnHealthChange(stoppingToken), OnHealthCheck(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task EveryInterval(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(status.Value.SystemStatusIntervalSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await Report(null, stoppingToken);
        }
    }

    private async Task OnHealthChange(CancellationToken stoppingToken)
    {
        // Nothing was published yet, so this is a change: the platform hears of the instance at start.
        await Report(null, stoppingToken);
        using var timer = new PeriodicTimer(HealthWatch, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            HealthResponse now;
            try
            {
                now = await health.Check(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogReportFailed(e);
                continue;
            }

            if (!SameHealth(now, Volatile.Read(ref _published)))
            {
                await Report(now, stoppingToken);
            }
        }
    }

    private async Task OnHealthCheck(CancellationToken stoppingToken)
    {
        while (true)
        {
            await requests.WaitAsync(stoppingToken);
            await Report(null, stoppingToken);
        }
    }

    private async Task Report(HealthResponse? checkedHealth, CancellationToken stoppingToken)
    {
        await _gate.WaitAsync(stoppingToken);
        try
        {
            var current = checkedHealth ?? await health.Check(stoppingToken);
            var data = new SystemStatusData
            {
                Status = current.Status,
                Service = current.Service,
                InstanceId = engine.Value.InstanceId,
                Version = current.Version,
                UptimeSeconds = EngineStats.UptimeSeconds(),
                Components = current.Components,
                Tasks = await TasksOrNone(stoppingToken),
                Resources = stats.Resources(),
            };
            if (await channels.SystemStatus(data, clock.GetUtcNow(), stoppingToken))
            {
                Volatile.Write(ref _published, current);
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

    // With the database away there are no task figures, and the report says so by leaving them out; health says why.
    private async Task<TaskStats?> TasksOrNone(CancellationToken stoppingToken)
    {
        try
        {
            return await stats.Tasks(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogTasksUnavailable(e.GetType().Name, e.Message);
            return null;
        }
    }

    private static bool SameHealth(HealthResponse now, HealthResponse? published) =>
        published is not null
        && now.Status == published.Status
        && now.Components.Count == published.Components.Count
        && now.Components.All(c => published.Components.TryGetValue(c.Key, out var value) && value == c.Value);

    [LoggerMessage(Level = LogLevel.Error, Message = "System status report failed; the next one is tried on schedule")]
    private partial void LogReportFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "System status sent without task figures: {Error}: {Message}")]
    private partial void LogTasksUnavailable(string error, string message);
}
