using System.Collections.Concurrent;

namespace Maas.Engine.Agents.Health;

/// <summary>
/// Whether each provider endpoint may be given tasks, from what is seen for free: the last model-listing probe, a run
/// of attempts that found the provider unavailable, and the provider's open circuit. An agent is as healthy as its
/// endpoint. Nothing here stops the engine: an endpoint comes back when its probe next succeeds; failed calls count
/// for <paramref name="cooldown"/> after the last (a listing may answer while completions fail, so a probe does not
/// clear them), then one call tries the provider again, like a circuit half open; an open circuit counts for its break.
/// </summary>
public sealed class AgentHealth(TimeProvider clock, TimeSpan cooldown)
{
    /// <summary>Attempts in a row that found the provider unavailable before its agents are taken out of selection.</summary>
    public const int FailuresInARow = 3;

    private readonly ConcurrentDictionary<string, EndpointState> _endpoints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _circuitOpenUntil = new(StringComparer.Ordinal);

    /// <summary>Why the endpoint may not be given tasks now; null when it may.</summary>
    public string? Problem(string endpoint, string provider)
    {
        if (_circuitOpenUntil.TryGetValue(provider, out var until) && clock.GetUtcNow().UtcTicks < until)
        {
            return $"{provider}'s circuit is open after repeated failures";
        }

        if (!_endpoints.TryGetValue(endpoint, out var state))
        {
            return null;
        }

        lock (state)
        {
            return state.ProbeFailure is { } probe ? $"model listing failed: {probe}"
                : state.FailuresInARow >= FailuresInARow && clock.GetUtcNow() < state.LastFailureAt + cooldown
                    ? $"{state.FailuresInARow} calls in a row failed: {state.LastFailure}"
                    : null;
        }
    }

    public void Probed(string endpoint, string? failure)
    {
        var state = State(endpoint);
        lock (state)
        {
            state.ProbeFailure = failure;
        }
    }

    /// <summary>A call found the provider unavailable (5xx, unreachable, circuit open) after the transport's retries.</summary>
    public void CallFailed(string endpoint, string reason)
    {
        var state = State(endpoint);
        lock (state)
        {
            state.FailuresInARow++;
            state.LastFailure = reason;
            state.LastFailureAt = clock.GetUtcNow();
        }
    }

    public void CallSucceeded(string endpoint)
    {
        if (_endpoints.TryGetValue(endpoint, out var state))
        {
            lock (state)
            {
                state.FailuresInARow = 0;
            }
        }
    }

    public void CircuitOpened(string provider, TimeSpan breakDuration) =>
        _circuitOpenUntil[provider] = (clock.GetUtcNow() + breakDuration).UtcTicks;

    public void CircuitClosed(string provider) => _circuitOpenUntil.TryRemove(provider, out _);

    private EndpointState State(string endpoint) => _endpoints.GetOrAdd(endpoint, _ => new EndpointState());

    private sealed class EndpointState
    {
        public string? ProbeFailure { get; set; }

        public int FailuresInARow { get; set; }

        public string? LastFailure { get; set; }

        public DateTimeOffset LastFailureAt { get; set; }
    }
}
