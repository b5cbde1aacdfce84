using System.Threading.Channels;

namespace Maas.RedisBridge.Inbound;

/// <summary>
/// The platform's <c>health_check</c>s, as a signal the system status publisher waits on. Requests that arrive while
/// one is still waiting to be answered are answered by the same <c>system_status</c>: a flood of checks costs one
/// report per round, not one each.
/// </summary>
public sealed class HealthCheckRequests
{
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private long _received;

    /// <summary>Health checks received since the start, answered or merged into another's answer.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Asks for a <c>system_status</c> now.</summary>
    public void Signal()
    {
        Interlocked.Increment(ref _received);
        _pending.Writer.TryWrite(true);
    }

    /// <summary>Waits until a report is asked for.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken) => await _pending.Reader.ReadAsync(cancellationToken);
}
