using System.Text.Json.Serialization.Metadata;
using Maas.Contracts.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Maas.RedisBridge.Outbound;

/// <summary>
/// Publishes the engine's reports about itself: <c>agent_status</c> and <c>agent_heartbeat</c> on the agent channel,
/// <c>system_status</c> on the system channel. A report is worth nothing once a newer one exists, so a failed publish is
/// not retried, and a Redis outage is logged once (and once more when publishing works again), never thrown: reports
/// come every few seconds and must not fill the log nor stop the engine while Redis is away.
/// </summary>
public sealed partial class StatusChannels
{
    private readonly RedisPublisher _publisher;
    private readonly RedisBridgeOptions _options;
    private readonly ILogger<StatusChannels> _logger;
    private int _failing;

    internal StatusChannels(RedisPublisher publisher, IOptions<RedisBridgeOptions> options, ILogger<StatusChannels> logger)
    {
        _publisher = publisher;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Publishes one agent's status; false when Redis did not take it.</summary>
    public Task<bool> AgentStatus(string agentId, AgentStatusData data, DateTimeOffset now, CancellationToken cancellationToken) =>
        Publish(_options.AgentChannel, WireMessages.AgentStatus(agentId, data, now), WireJsonContext.Default.WireMessageAgentStatusData, cancellationToken);

    /// <summary>Publishes one agent's heartbeat; false when Redis did not take it.</summary>
    public Task<bool> AgentHeartbeat(string agentId, string instanceId, AgentHeartbeatData data, DateTimeOffset now, CancellationToken cancellationToken) =>
        Publish(_options.AgentChannel, WireMessages.AgentHeartbeat(agentId, instanceId, data, now), WireJsonContext.Default.WireMessageAgentHeartbeatData, cancellationToken);

    /// <summary>Publishes this instance's system status; false when Redis did not take it.</summary>
    public Task<bool> SystemStatus(SystemStatusData data, DateTimeOffset now, CancellationToken cancellationToken) =>
        Publish(_options.SystemChannel, WireMessages.SystemStatus(data, now), WireJsonContext.Default.WireMessageSystemStatusData, cancellationToken);

    // The token only stops the wait (a stopping engine does not sit out Redis's timeout); a PUBLISH already sent stands.
    private async Task<bool> Publish<T>(string channel, T message, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        try
        {
            await _publisher.Publish(channel, message, typeInfo).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                LogFailing(e);
            }

            return false;
        }

        if (Interlocked.Exchange(ref _failing, 0) == 1)
        {
            LogRecovered();
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent and system status reports are not reaching Redis; they are skipped until it answers (said once)")]
    private partial void LogFailing(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent and system status reports reach Redis again")]
    private partial void LogRecovered();
}
