using Microsoft.Extensions.Configuration;

namespace Maas.RedisBridge;

/// <summary>
/// Where the bridge listens and publishes. Every channel name is configuration: the platform's code prefixes its
/// channels (<c>maas:task_requests</c>), the seed does not (<c>task_requests</c>), and the defaults are the seed's.
/// </summary>
public sealed class RedisBridgeOptions
{
    /// <summary><c>redis://[user:password@]host:port/db</c>.</summary>
    [ConfigurationKeyName("REDIS_URL")]
    public string RedisUrl { get; set; } = "redis://localhost:6379/1";

    /// <summary>Platform to engine: <c>task_execute</c>.</summary>
    [ConfigurationKeyName("REDIS_TASK_CHANNEL")]
    public string TaskChannel { get; set; } = "task_requests";

    /// <summary>Engine to platform: <c>task_completed</c> and <c>task_failed</c>.</summary>
    [ConfigurationKeyName("REDIS_RESULT_CHANNEL")]
    public string ResultChannel { get; set; } = "task_results";

    /// <summary>Both ways: <c>task_status_update</c>. The engine reads the platform's (a cancel) and ignores its own echo.</summary>
    [ConfigurationKeyName("REDIS_STATUS_CHANNEL")]
    public string StatusChannel { get; set; } = "task_status";

    /// <summary>Engine to platform: <c>agent_status</c> (and <c>agent_heartbeat</c> when asked for) of this instance's agents.</summary>
    [ConfigurationKeyName("REDIS_AGENT_CHANNEL")]
    public string AgentChannel { get; set; } = "agent_status";

    /// <summary>Engine to platform: <c>system_status</c> of each instance.</summary>
    [ConfigurationKeyName("REDIS_SYSTEM_CHANNEL")]
    public string SystemChannel { get; set; } = "system_status";

    /// <summary>Platform to engine: a <c>health_check</c> here makes every instance publish its <c>system_status</c> at once.</summary>
    [ConfigurationKeyName("REDIS_HEALTH_CHANNEL")]
    public string HealthChannel { get; set; } = "health_check";

    /// <summary>A message above this size is refused as <c>invalid_input</c> without being parsed whole.</summary>
    [ConfigurationKeyName("REDIS_MAX_MESSAGE_BYTES")]
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>A Redis list keeping the most recent messages that could not be answered (no readable task id).</summary>
    [ConfigurationKeyName("REDIS_DEAD_LETTER_KEY")]
    public string DeadLetterKey { get; set; } = "ai_engine:dead_letters";

    [ConfigurationKeyName("REDIS_DEAD_LETTER_LIMIT")]
    public int DeadLetterLimit { get; set; } = 1000;

    /// <summary>How many received messages are handled at once (each is one saga transition in PostgreSQL).</summary>
    [ConfigurationKeyName("REDIS_INBOUND_CONCURRENCY")]
    public int InboundConcurrency { get; set; } = 64;

    /// <summary>
    /// How long a request (or cancel) that meets the database away is held and tried again before it is answered
    /// <c>system_error</c> (<c>component: database</c>, <c>retry_possible: true</c>). Counted from its receipt.
    /// </summary>
    [ConfigurationKeyName("DATABASE_OUTAGE_GRACE_SECONDS")]
    public int DatabaseOutageGraceSeconds { get; set; } = 30;

    /// <summary>How long a cancel is remembered, so that its request, handled after it, is cancelled on arrival.</summary>
    [ConfigurationKeyName("CANCEL_MEMORY_SECONDS")]
    public int CancelMemorySeconds { get; set; } = 300;
}
