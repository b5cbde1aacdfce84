using System.Diagnostics;
using Maas.Contracts.Diagnostics;
using Maas.Engine.Tasks;
using MassTransit;
using MassTransit.Middleware.InMemoryOutbox;

namespace Maas.Engine.Telemetry;

/// <summary>
/// Watches the task saga from outside its transition table: a span per event the saga handles (parented on the run's
/// trace context in the row, so a timer's or the recovery sweep's event joins the run's trace), and the finished-task
/// metrics when a task reaches a final state. Those are recorded once the row is committed (through the saga's
/// outbox): a transition retried after a conflict would otherwise count twice.
/// </summary>
internal sealed class SagaTelemetry(MetricLabels labels, TimeProvider clock) : IEventObserver<TaskState>, IStateObserver<TaskState>
{
    private int _connected;

    /// <summary>True the first time only: the observer is connected to the state machine once.</summary>
    public bool TryConnect() => Interlocked.Exchange(ref _connected, 1) == 0;

    public Task PreExecute(BehaviorContext<TaskState> context)
    {
        Begin(context);
        return Task.CompletedTask;
    }

    public Task PreExecute<T>(BehaviorContext<TaskState, T> context)
        where T : class
    {
        Begin(context);
        return Task.CompletedTask;
    }

    public Task PostExecute(BehaviorContext<TaskState> context)
    {
        End(context, null);
        return Task.CompletedTask;
    }

    public Task PostExecute<T>(BehaviorContext<TaskState, T> context)
        where T : class
    {
        End(context, null);
        return Task.CompletedTask;
    }

    public Task ExecuteFault(BehaviorContext<TaskState> context, Exception exception)
    {
        End(context, exception);
        return Task.CompletedTask;
    }

    public Task ExecuteFault<T>(BehaviorContext<TaskState, T> context, Exception exception)
        where T : class
    {
        End(context, exception);
        return Task.CompletedTask;
    }

    public Task StateChanged(BehaviorContext<TaskState> context, State currentState, State previousState)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(currentState);
        var outcome = currentState.Name switch
        {
            TaskStateNames.Completed => "completed",
            TaskStateNames.Failed => "failed",
            TaskStateNames.Cancelled => "cancelled",
            _ => null,
        };
        if (outcome is null)
        {
            return Task.CompletedTask;
        }

        var task = context.Saga;
        var taskType = labels.TaskType(task.TaskType);
        var errorType = outcome == "failed" ? MetricLabels.ErrorType(task.ErrorType) : MetricLabels.NoError;
        var seconds = Math.Max(0, ((task.FinishedAt ?? clock.GetUtcNow()) - task.CreatedAt).TotalSeconds);
        void Record()
        {
            EngineMetrics.TasksFinished.Add(1, new(EngineTelemetry.TaskType, taskType), new("outcome", outcome), new("error_type", errorType));
            EngineMetrics.EndToEnd.Record(seconds, new(EngineTelemetry.TaskType, taskType), new("outcome", outcome));
        }

        if (context.TryGetPayload<OutboxContext>(out var outbox))
        {
            return outbox.Add(() =>
            {
                Record();
                return Task.CompletedTask;
            });
        }

        Record();
        return Task.CompletedTask;
    }

    private static void Begin(BehaviorContext<TaskState> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // MassTransit tells observers of one event through both overloads: one span per transition.
        if (context.TryGetPayload<TransitionSpan>(out var open) && !open.Span.IsStopped)
        {
            return;
        }

        var span = TraceParents.Start("saga " + context.Event.Name, ActivityKind.Internal, context.Saga.TraceParent);
        if (span is null)
        {
            return;
        }

        span.SetTag("maas.saga.state_before", context.Saga.CurrentState);
        context.AddOrUpdatePayload(() => new TransitionSpan(span), _ => new TransitionSpan(span));
    }

    private static void End(BehaviorContext<TaskState> context, Exception? failure)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.TryGetPayload<TransitionSpan>(out var transition) || transition.Span.IsStopped)
        {
            return;
        }

        var span = transition.Span;
        var task = context.Saga;
        span.SetTag(EngineTelemetry.TaskId, task.TaskId)
            .SetTag(EngineTelemetry.TaskType, task.TaskType)
            .SetTag(EngineTelemetry.Attempt, task.Attempt)
            .SetTag("maas.saga.state", task.CurrentState);
        if (failure is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, failure.GetType().Name);
        }

        span.Stop();
    }

    /// <summary>The transition's span, carried from <c>PreExecute</c> to <c>PostExecute</c> on the context.</summary>
    private sealed record TransitionSpan(Activity Span);
}
