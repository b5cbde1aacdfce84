using System.Threading.Channels;
using Maas.Contracts.Messages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Maas.Engine.Persistence;

/// <summary>
/// Records <c>result_published_at</c> for many tasks in one UPDATE, and with it lets the finished row go from the
/// instance that published it. It is not a saga transition (the state does not change) and nothing waits for it.
/// A mark that fails (the database restarting, say) is kept and tried again with back-off until it lands: a dropped
/// mark would make the sweep publish a result the platform already has. While this instance lives and holds a row,
/// only this instance publishes its result again, and only while it holds no pending marks (<see cref="Idle"/>); a
/// mark lost with the process is covered by the sweep, once the owner's heartbeat has stopped.
/// </summary>
internal sealed partial class PublishedResultsWriter(NpgsqlDataSource dataSource, ILogger<PublishedResultsWriter> logger) : BackgroundService
{
    private const int MaxBatch = 1000;

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly Channel<TaskResultPublished> _pending = Channel.CreateUnbounded<TaskResultPublished>(new UnboundedChannelOptions { SingleReader = true });

    private long _outstanding;

    /// <summary>True when every mark this instance was given has landed: none waits, none is being written or retried.</summary>
    public bool Idle => Interlocked.Read(ref _outstanding) == 0;

    public void Add(TaskResultPublished published)
    {
        Interlocked.Increment(ref _outstanding);
        if (!_pending.Writer.TryWrite(published))
        {
            Interlocked.Decrement(ref _outstanding);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _pending.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<TaskResultPublished>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var published))
            {
                batch.Add(published);
            }

            if (!await Flush(batch, stoppingToken))
            {
                LogMarksAbandoned(batch.Count);
            }

            Interlocked.Add(ref _outstanding, -batch.Count);
            batch.Clear();
        }
    }

    /// <summary>Writes the marks, trying again until they land; gives up only when the host stops waiting.</summary>
    private async Task<bool> Flush(List<TaskResultPublished> batch, CancellationToken stoppingToken)
    {
        var backoff = FirstBackoff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TaskStateTable.MarkResultsPublished(dataSource, batch, CancellationToken.None);
                return true;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                LogNotMarked(batch.Count, attempt, backoff.TotalSeconds, e);
            }

            try
            {
                await Task.Delay(backoff, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark {Count} results as published (attempt {Attempt}); trying again in {Seconds}s")]
    private partial void LogNotMarked(int count, int attempt, double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopping with {Count} results not marked as published; once this instance's heartbeat has stopped, the sweep publishes them again")]
    private partial void LogMarksAbandoned(int count);
}
