using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Maas.RedisBridge.Inbound;

/// <summary>
/// The platform's recent cancels, so a cancel handled before its own request (they are handled concurrently) still
/// cancels it. Every instance hears every message, so each keeps its own memory: in process, expiring after
/// <c>CANCEL_MEMORY_SECONDS</c>, and bounded (the oldest are forgotten first).
/// </summary>
internal sealed class CancelMemory(IOptions<RedisBridgeOptions> options, TimeProvider clock)
{
    /// <summary>Cancels remembered at most; beyond it the oldest are forgotten first.</summary>
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, Remembered> _cancels = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string TaskId, long Sequence)> _order = new();
    private readonly Lock _forgetting = new();
    private long _sequence;

    private sealed record Remembered(DateTimeOffset SentAt, string Reason, DateTimeOffset Until, long Sequence);

    public int Count => _cancels.Count;

    public void Remember(string taskId, DateTimeOffset sentAt, string reason)
    {
        var memory = TimeSpan.FromSeconds(options.Value.CancelMemorySeconds);
        if (memory <= TimeSpan.Zero)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var sequence = Interlocked.Increment(ref _sequence);
        var remembered = new Remembered(sentAt, reason, now + memory, sequence);
        _cancels.AddOrUpdate(taskId, remembered, (_, old) => old.SentAt > sentAt ? old : remembered);
        _order.Enqueue((taskId, sequence));
        Forget(now);
    }

    /// <summary>The reason of a remembered cancel sent no earlier than the request, or null: a request sent after the cancel runs.</summary>
    public string? CancelFor(string taskId, DateTimeOffset requestedAt) =>
        _cancels.TryGetValue(taskId, out var cancel) && cancel.Until > clock.GetUtcNow() && cancel.SentAt >= requestedAt ? cancel.Reason : null;

    // Entries leave in the order they came, which is the order they expire in (the memory time is the same for all).
    private void Forget(DateTimeOffset now)
    {
        using var scope = _forgetting.EnterScope();
        while (_order.TryPeek(out var oldest)
               && (_cancels.Count > Capacity || !_cancels.TryGetValue(oldest.TaskId, out var entry) || entry.Sequence != oldest.Sequence || entry.Until <= now))
        {
            if (!_order.TryDequeue(out oldest))
            {
                return;
            }

            if (_cancels.TryGetValue(oldest.TaskId, out var current) && current.Sequence == oldest.Sequence)
            {
                _cancels.TryRemove(new KeyValuePair<string, Remembered>(oldest.TaskId, current));
            }
        }
    }
}
