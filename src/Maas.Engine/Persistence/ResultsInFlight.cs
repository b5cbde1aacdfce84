using MassTransit;

namespace Maas.Engine.Persistence;

/// <summary>
/// Final results being delivered right now (the mediator is running their consumers, the Redis publish among them).
/// While one is, this instance publishes none again: a publish waiting for Redis to come back is not yet marked, and
/// the sweep would otherwise send a second copy that goes out with the first once Redis returns.
/// </summary>
internal sealed class ResultsInFlight
{
    private long _count;

    public bool None => Interlocked.Read(ref _count) == 0;

    /// <summary>The filter that counts one message type's deliveries, placed on the mediator for each final result type.</summary>
    public IFilter<ConsumeContext<T>> Counter<T>()
        where T : class => new Filter<T>(this);

    private sealed class Filter<T>(ResultsInFlight results) : IFilter<ConsumeContext<T>>
        where T : class
    {
        public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
        {
            ArgumentNullException.ThrowIfNull(next);
            Interlocked.Increment(ref results._count);
            try
            {
                await next.Send(context);
            }
            finally
            {
                Interlocked.Decrement(ref results._count);
            }
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("resultsInFlight");
    }
}
