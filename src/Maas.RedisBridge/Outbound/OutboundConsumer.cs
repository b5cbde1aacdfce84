using System.Text.Json.Serialization.Metadata;
using Maas.Contracts.Messages;
using Maas.Contracts.Wire;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Maas.RedisBridge.Outbound;

/// <summary>
/// Publishes the saga's events on Redis. It runs after the saga row is committed (the saga's outbox) and never
/// throws back into the saga's caller: a status update is best effort, and a final result that did not reach Redis
/// stays marked unpublished in its row, from where the engine publishes it again.
/// </summary>
internal sealed partial class OutboundConsumer(
    RedisPublisher publisher,
    IOptions<RedisBridgeOptions> options,
    TimeProvider clock,
    ILogger<OutboundConsumer> logger) :
    IConsumer<TaskStatusChanged>,
    IConsumer<TaskCompleted>,
    IConsumer<TaskFailed>
{
    public async Task Consume(ConsumeContext<TaskStatusChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await publisher.Publish(options.Value.StatusChannel, WireMessages.StatusUpdate(context.Message), WireJsonContext.Default.WireMessageTaskStatusUpdateData,
                context.Message.TaskId, context.Message.TraceParent);
        }
        catch (Exception e)
        {
            // Whatever went wrong, the saga's transition stands: never fail its caller over a status update.
            LogStatusLost(context.Message.TaskId, context.Message.Status, e);
        }
    }

    public Task Consume(ConsumeContext<TaskCompleted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PublishResult(context, context.Message.TaskId, context.Message.TraceParent, WireMessages.Completed(context.Message), WireJsonContext.Default.WireMessageTaskCompletedData);
    }

    public Task Consume(ConsumeContext<TaskFailed> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PublishResult(context, context.Message.TaskId, context.Message.TraceParent, WireMessages.Failed(context.Message), WireJsonContext.Default.WireMessageTaskFailedData);
    }

    private async Task PublishResult<T>(ConsumeContext context, string taskId, string? traceParent, T message, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            await publisher.Publish(options.Value.ResultChannel, message, typeInfo, taskId, traceParent);
        }
        catch (Exception e)
        {
            LogResultNotPublished(taskId, e);
            return;
        }

        await context.Publish(new TaskResultPublished(taskId, clock.GetUtcNow()));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status {Status} of task {TaskId} not published (best effort)")]
    private partial void LogStatusLost(string taskId, string status, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Result of task {TaskId} not published yet; it stays marked unpublished in its row")]
    private partial void LogResultNotPublished(string taskId, Exception exception);
}
