using Microsoft.Extensions.Configuration;

namespace Maas.Engine;

/// <summary>The engine's settings, bound from the seed's environment variables (the key names are the variables).</summary>
public sealed class EngineOptions
{
    /// <summary><c>postgresql://user:password@host:port/database</c>, the database shared with the platform.</summary>
    [ConfigurationKeyName("DATABASE_URL")]
    public string DatabaseUrl { get; set; } = "";

    [ConfigurationKeyName("MAX_CONCURRENT_TASKS")]
    public int MaxConcurrentTasks { get; set; } = 10;

    /// <summary>Seconds one attempt may take when the task's configuration says nothing.</summary>
    [ConfigurationKeyName("TASK_TIMEOUT_SECONDS")]
    public int TaskTimeoutSeconds { get; set; } = 300;

    /// <summary>Retries allowed when the task's configuration says nothing.</summary>
    [ConfigurationKeyName("TASK_MAX_RETRIES")]
    public int TaskMaxRetries { get; set; } = 3;

    /// <summary>First back-off before a retry; doubles each attempt (with jitter) up to <see cref="RetryMaxDelaySeconds"/>.</summary>
    [ConfigurationKeyName("TASK_RETRY_DELAY_SECONDS")]
    public double RetryDelaySeconds { get; set; } = 2;

    [ConfigurationKeyName("TASK_RETRY_MAX_DELAY_SECONDS")]
    public double RetryMaxDelaySeconds { get; set; } = 60;

    /// <summary>Seconds between two progress reports of a running task, and between two <c>agent_status</c> of every agent.</summary>
    [ConfigurationKeyName("AGENT_HEARTBEAT_INTERVAL")]
    public int AgentHeartbeatIntervalSeconds { get; set; } = 30;

    /// <summary>The chat provider agents use (it names the stock agents); the provider adapters check and build it, <c>offline</c> by default.</summary>
    [ConfigurationKeyName("AI_PROVIDER")]
    public string AiProvider { get; set; } = "offline";

    /// <summary>How long the offline chat client takes to answer, to rehearse slow models.</summary>
    [ConfigurationKeyName("OFFLINE_AGENT_DELAY_MS")]
    public int OfflineAgentDelayMilliseconds { get; set; }

    /// <summary>This instance's name in logs and in the saga rows it holds; host name, process id and a random suffix by default.</summary>
    [ConfigurationKeyName("ENGINE_INSTANCE_ID")]
    public string InstanceId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>
    /// The name this process gives the rows it holds and its heartbeat: <c>ENGINE_INSTANCE_ID@epoch</c>, the epoch being
    /// when these options were built (once per start of the engine) and four random hex digits. A restart with a fixed
    /// <c>ENGINE_INSTANCE_ID</c> is a new owner, so its previous process's rows are taken over like any dead instance's.
    /// </summary>
    public string Owner => $"{InstanceId}@{_epoch}";

    private readonly string _epoch = $"{DateTimeOffset.UtcNow:yyyyMMdd'T'HHmmssfff'Z'}-{Guid.NewGuid().ToString("N")[..4]}";

    /// <summary>How often each instance beats its heartbeat and one of them sweeps for lost tasks and unpublished results.</summary>
    [ConfigurationKeyName("RECOVERY_INTERVAL_SECONDS")]
    public double RecoveryIntervalSeconds { get; set; } = DefaultRecoveryIntervalSeconds;

    /// <summary>Also read when Quartz's trigger is registered, before options exist.</summary>
    public const double DefaultRecoveryIntervalSeconds = 10;

    /// <summary>An instance whose heartbeat is older than this is presumed dead, and its tasks are taken over.</summary>
    [ConfigurationKeyName("ENGINE_INSTANCE_TTL_SECONDS")]
    public double InstanceTtlSeconds { get; set; } = 30;

    /// <summary>A final result still unpublished this long after the task finished is published again.</summary>
    [ConfigurationKeyName("RESULT_REDELIVERY_AFTER_SECONDS")]
    public double ResultRedeliveryAfterSeconds { get; set; } = 10;

    /// <summary>
    /// Connections that carry saga transitions, each sending whatever transitions are waiting as one batch and one
    /// commit. More connections overlap more round trips; fewer share more commits. Four suit a few cores.
    /// </summary>
    [ConfigurationKeyName("SAGA_DB_CONNECTIONS")]
    public int SagaConnections { get; set; } = 4;

    // Task kinds, usage and cost.

    /// <summary>
    /// Input and output USD per million tokens per model, e.g. <c>gpt-4o-mini=0.15/0.60,claude-sonnet-4-5=3/15</c>;
    /// a model id is priced by its longest listed prefix, <c>offline</c> costs 0, any other model reports no cost.
    /// </summary>
    [ConfigurationKeyName("MODEL_PRICES")]
    public string ModelPrices { get; set; } = "";

    /// <summary>The Npgsql connection string made from <see cref="DatabaseUrl"/>.</summary>
    public string ConnectionString => PostgresUrl.ToConnectionString(DatabaseUrl);
}
