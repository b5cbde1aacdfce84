namespace Maas.Engine.Api.Security;

/// <summary>Who may call the HTTP API and how much: the API key, the execute route's rate limit, the largest request body.</summary>
public sealed class ApiAccessOptions
{
    /// <summary>1 MiB, as <c>REDIS_MAX_MESSAGE_BYTES</c>: a direct execution carries what a task request carries.</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// The API key every route except the open ones requires, as <c>X-API-Key</c> or <c>Authorization: Bearer</c>.
    /// Several keys separated by commas are all accepted, so a key can be rotated without a moment when none works.
    /// Unset or empty: every route is open.
    /// </summary>
    [ConfigurationKeyName("AI_ENGINE_API_KEY")]
    public string? ApiKey { get; set; }

    /// <summary>Whether <c>GET /metrics</c> requires the key too (it is open by default, as scrapers usually run inside the network).</summary>
    [ConfigurationKeyName("METRICS_REQUIRE_KEY")]
    public bool MetricsRequireKey { get; set; }

    /// <summary><c>POST /agents/{agent_id}/execute</c> calls per minute per API key (or client address), per instance; 0 turns the limit off.</summary>
    [ConfigurationKeyName("EXECUTE_RATE_LIMIT_PER_MINUTE")]
    public int ExecuteRateLimitPerMinute { get; set; } = 60;

    /// <summary>The largest request body accepted, in bytes; a larger one is answered 413 without being read.</summary>
    [ConfigurationKeyName("MAX_REQUEST_BODY_BYTES")]
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>The keys <see cref="ApiKey"/> names, trimmed; empty when the API is open.</summary>
    public IReadOnlyList<string> Keys =>
        ApiKey is null ? [] : ApiKey.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
