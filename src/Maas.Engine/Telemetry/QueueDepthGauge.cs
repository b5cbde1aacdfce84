using Maas.Engine.Execution;
using Microsoft.Extensions.Hosting;

namespace Maas.Engine.Telemetry;

/// <summary>Counts this host's backlog in <see cref="EngineMetrics.QueueDepth"/> while the host runs.</summary>
internal sealed class QueueDepthGauge(TaskBacklog backlog) : IHostedService
{
    private IDisposable? _observed;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _observed = EngineMetrics.ObserveQueueDepth(() => backlog.Depth);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _observed?.Dispose();
        return Task.CompletedTask;
    }
}
