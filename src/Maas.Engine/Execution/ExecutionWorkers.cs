using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Execution;

/// <summary>
/// <c>MAX_CONCURRENT_TASKS</c> workers that take tasks from the <see cref="TaskBacklog"/>, off the mediator's call
/// path: receiving a task never waits for an agent, and a slow agent never blocks the Redis subscriber.
/// </summary>
internal sealed partial class ExecutionWorkers(
    TaskBacklog queue,
    TaskRunner runner,
    IOptions<EngineOptions> options,
    ILogger<ExecutionWorkers> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.MaxConcurrentTasks).Select(_ => Work(stoppingToken)));

    private async Task Work(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var dispatch = await queue.Dequeue(stoppingToken);
                try
                {
                    await runner.Run(dispatch, stoppingToken);
                }
                finally
                {
                    queue.Done(dispatch.Task.TaskId);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A worker must outlive any one task; the task's timer takes care of the task.
                LogWorkerError(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker failed while running a task")]
    private partial void LogWorkerError(Exception exception);
}
