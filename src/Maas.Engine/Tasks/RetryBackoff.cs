namespace Maas.Engine.Tasks;

/// <summary>
/// Exponential back-off with jitter between attempts: the base delay doubles per attempt up to the cap, then is
/// spread by +/-20% so tasks that failed together (a provider outage) do not come back together.
/// </summary>
internal sealed class RetryBackoff(EngineOptions options)
{
    public TimeSpan Before(int attempt)
    {
        var exponent = Math.Clamp(attempt - 2, 0, 30);
        var seconds = Math.Min(options.RetryMaxDelaySeconds, options.RetryDelaySeconds * Math.Pow(2, exponent));
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromSeconds(seconds * jitter);
    }
}
