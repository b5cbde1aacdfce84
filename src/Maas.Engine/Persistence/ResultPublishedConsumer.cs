using Maas.Contracts.Messages;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Maas.Engine.Persistence;

/// <summary>
/// Marks a task's final result as delivered to Redis. A plain UPDATE, not a saga transition: the state does not
/// change, and the column is what the redelivery sweep reads. A failure here only means one more delivery later.
/// </summary>
internal sealed partial class ResultPublishedConsumer(
    IDbContextFactory<EngineDbContext> dbContextFactory,
    ILogger<ResultPublishedConsumer> logger) : IConsumer<TaskResultPublished>
{
    public async Task Consume(ConsumeContext<TaskResultPublished> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var published = context.Message;
        try
        {
            await using var db = await dbContextFactory.CreateDbContextAsync(context.CancellationToken);
            await db.Tasks
                .Where(t => t.TaskId == published.TaskId && t.ResultPublishedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ResultPublishedAt, published.PublishedAt), context.CancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException)
        {
            LogNotMarked(published.TaskId, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark the result of task {TaskId} as published; it may be published again")]
    private partial void LogNotMarked(string taskId, Exception exception);
}
