using System.Diagnostics;
using Maas.Contracts.Diagnostics;
using Maas.Engine.Tasks;
using MassTransit;
using MassTransit.Middleware.InMemoryOutbox;

namespace Maas.Engine.Telemetry;

/// <summary>
/// Watches the task saga from outside its transition table: each event the saga handles is told in the run's trace,
/// and the finished-task metrics are recorded when a task reaches a final state. An event the engine's own work
/// caused (the receive, the attempt) is a span event on that work's span, since a transition takes microseconds and a
/// span of its own for each was a third of a task's spans; an event with no span of the run current (a Quartz timer,
/// the recovery sweep, another instance) is a span of its own, parented on the run's trace context in the row. The
/// metrics are recorded once the row is committed (through the saga's outbox): a transition retried after a conflict
/// would otherwise count twice.
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
        // MassTransit tells observers of one event through both overloads: the transition is told once.
        if (context.TryGetPayload<Transition>(out var open) && !open.Told)
        {
            return;
        }

        if (InRunSpan(context) is { } current)
        {
            context.AddOrUpdatePayload(() => new Transition(current, OwnSpan: false), _ => new Transition(current, OwnSpan: false));
            return;
        }

        var span = TraceParents.Start("saga " + context.Event.Name, ActivityKind.Internal, context.Saga.TraceParent);
        if (span is null)
        {
            return;
        }

        span.SetTag("maas.saga.state_before", context.Saga.CurrentState);
        context.AddOrUpdatePayload(() => new Transition(span, OwnSpan: true), _ => new Transition(span, OwnSpan: true));
    }

    private static void End(BehaviorContext<TaskState> context, Exception? failure)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.TryGetPayload<Transition>(out var transition) || transition.Told)
        {
            return;
        }

        transition.Told = true;
        var (span, task) = (transition.Span, context.Saga);
        if (!transition.OwnSpan)
        {
            span.AddEvent(new ActivityEvent("saga " + context.Event.Name, tags: new ActivityTagsCollection
            {
                ["maas.saga.state"] = task.CurrentState,
                [EngineTelemetry.Attempt] = task.Attempt,
                ["error.type"] = failure?.GetType().Name,
            }));
            return;
        }

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

    /// <summary>The span of the run's own work the transition happens under, if one is current (see the class).</summary>
    private static Activity? InRunSpan(BehaviorContext<TaskState> context)
    {
        if (!EngineTelemetry.Source.HasListeners() || RunSpan.Current is not { } current || current.Source != EngineTelemetry.Source || !current.IsAllDataRequested)
        {
            return null;
        }

        var run = context.Saga.TraceParent;
        return run is null || (ActivityContext.TryParse(run, null, out var parent) && parent.TraceId == current.TraceId) ? current : null;
    }

    /// <summary>
    /// A transition from <c>PreExecute</c> to <c>PostExecute</c>, carried on the context: the span it is told on, its own
    /// or the run's current one (as an event), and whether it has been told.
    /// </summary>
    private sealed record Transition(Activity Span, bool OwnSpan)
    {
        public bool Told { get; set; }
    }
}
