using System.Threading.Channels;
using Maas.Contracts.Messages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Maas.Engine.Persistence;

/// <summary>
/// Records <c>result_published_at</c> for many tasks in one UPDATE. It is not a saga transition (the state does not
/// change) and nothing waits for it: a mark lost in a crash only means the sweep publishes that result once more.
/// Batching turns one round trip per task into one per flush, on the path every task takes.
/// </summary>
internal sealed partial class PublishedResultsWriter(NpgsqlDataSource dataSource, ILogger<PublishedResultsWriter> logger) : BackgroundService
{
    private const int MaxBatch = 1000;

    private const string Mark =
        $"UPDATE {EngineDbContext.Schema}.task_state t SET result_published_at = v.published_at " +
        "FROM unnest($1::text[], $2::timestamptz[]) AS v(task_id, published_at) " +
        "WHERE t.task_id = v.task_id AND t.result_published_at IS NULL";

    private readonly Channel<TaskResultPublished> _pending = Channel.CreateUnbounded<TaskResultPublished>(new UnboundedChannelOptions { SingleReader = true });

    public void Add(TaskResultPublished published) => _pending.Writer.TryWrite(published);

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

            await Flush(batch);
            batch.Clear();
        }
    }

    private async Task Flush(List<TaskResultPublished> batch)
    {
        try
        {
            await using var command = dataSource.CreateCommand(Mark);
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = batch.Select(p => p.TaskId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = batch.Select(p => p.PublishedAt).ToArray() });
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            LogNotMarked(batch.Count, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark {Count} results as published; the sweep may publish them again")]
    private partial void LogNotMarked(int count, Exception exception);
}
