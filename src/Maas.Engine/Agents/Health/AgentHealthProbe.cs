using Maas.Engine.Agents.Registry;
using Maas.Engine.Execution;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Agents.Health;

/// <summary>
/// Every <c>AGENT_HEALTH_PROBE_SECONDS</c>, asks each provider endpoint for its model listing (free, never a completion)
/// and records the answer; then has the backlog look again, since an agent back (or a circuit's break over) may let
/// waiting tasks run. A provider that does not answer makes its agents unhealthy, never the engine stop.
/// </summary>
internal sealed partial class AgentHealthProbe(
    AgentCatalog agents,
    AgentHealth health,
    TaskBacklog backlog,
    IOptions<AgentsOptions> options,
    TimeProvider clock,
    ILogger<AgentHealthProbe> logger) : BackgroundService
{
    // A listing is small: a provider that takes longer than this to list its models is not one to send a task to.
    private static readonly TimeSpan LongestProbe = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.ProbeIntervalSeconds);
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            do
            {
                await ProbeAll(interval < LongestProbe ? interval : LongestProbe, stoppingToken);
                backlog.Pulse();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private Task ProbeAll(TimeSpan timeout, CancellationToken stoppingToken) =>
        Task.WhenAll(agents.Endpoints.Select(async chat =>
        {
            using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            giveUp.CancelAfter(timeout);
            string? failure;
            try
            {
                failure = await chat.Probe.Probe(giveUp.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                failure = $"no answer within {timeout.TotalSeconds:0.#} s";
            }

            var was = health.Problem(chat.Endpoint, chat.Provider.Name);
            health.Probed(chat.Endpoint, failure);
            var now = health.Problem(chat.Endpoint, chat.Provider.Name);
            if (was is null && now is not null)
            {
                LogUnhealthy(chat.Endpoint, now);
            }
            else if (was is not null && now is null)
            {
                LogHealthy(chat.Endpoint);
            }
        }));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider {Endpoint} is unhealthy ({Reason}); its agents get no tasks until it answers")]
    private partial void LogUnhealthy(string endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Provider {Endpoint} answers again; its agents take tasks")]
    private partial void LogHealthy(string endpoint);
}
