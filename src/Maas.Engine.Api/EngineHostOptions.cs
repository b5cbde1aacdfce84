namespace Maas.Engine.Api;

/// <summary>The host's own settings: where it listens, how it logs, how long it waits for its servers at start-up.</summary>
public sealed class EngineHostOptions
{
    /// <summary>The address the HTTP API listens on: a host name or an IP address.</summary>
    [ConfigurationKeyName("AI_ENGINE_HOST")]
    public string Host { get; set; } = "0.0.0.0";

    /// <summary>The HTTP API's port.</summary>
    [ConfigurationKeyName("AI_ENGINE_PORT")]
    public int Port { get; set; } = 8001;

    /// <summary><c>DEBUG</c>, <c>INFO</c>, <c>WARNING</c>, <c>ERROR</c> or <c>CRITICAL</c> (also <c>TRACE</c>, <c>WARN</c>, <c>INFORMATION</c>).</summary>
    [ConfigurationKeyName("LOG_LEVEL")]
    public string LogLevelName { get; set; } = "INFO";

    /// <summary><c>text</c> (one line per entry) or <c>json</c>.</summary>
    [ConfigurationKeyName("LOG_FORMAT")]
    public string LogFormat { get; set; } = "text";

    /// <summary>
    /// How long PostgreSQL and Redis are waited for at start-up before the engine gives up (containers start in any
    /// order). 0 starts without waiting; the servers are then only reported by <c>/health</c>.
    /// </summary>
    [ConfigurationKeyName("STARTUP_RETRY_SECONDS")]
    public double StartupRetrySeconds { get; set; } = 60;

    /// <summary>The log level <see cref="LogLevelName"/> names, or null when it names none.</summary>
    public LogLevel? MinimumLogLevel => LogLevelName.ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "INFO" or "INFORMATION" => LogLevel.Information,
        "WARNING" or "WARN" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "CRITICAL" => LogLevel.Critical,
        _ => null,
    };
}
