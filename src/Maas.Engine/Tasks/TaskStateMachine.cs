using Maas.Contracts.Messages;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Tasks;

/// <summary>
/// One task's life: Queued -> InProgress -> Completed | Failed | Cancelled, with a timer per attempt and a back-off
/// timer between attempts. A failed retryable attempt goes back to Queued until the retry budget is spent. An attempt
/// refused before it started (no agent for the type, invalid input) fails from Queued, never having been InProgress.
/// Messages that arrive late (an older attempt's result, a timer of a finished task) are ignored. A task whose
/// instance died is taken over by another: queued again, or its running attempt counted as failed (and retried).
/// </summary>
public sealed class TaskStateMachine : MassTransitStateMachine<TaskState>
{
    public TaskStateMachine(IOptions<EngineOptions> options, TimeProvider clock, ILogger<TaskStateMachine> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var retryPolicy = new RetryBackoff(settings);
        var owner = settings.Owner;

        InstanceState(x => x.CurrentState);

        Event(() => ExecuteRequested, e => e.CorrelateById(c => TaskIds.ToCorrelationId(c.Message.TaskId)));
        Event(() => CancelRequested, e => ForExistingTask(e, c => c.Message.TaskId));
        Event(() => Started, e => ForExistingTask(e, c => c.Message.TaskId));
        Event(() => Progressed, e => ForExistingTask(e, c => c.Message.TaskId));
        Event(() => Succeeded, e => ForExistingTask(e, c => c.Message.TaskId));
        Event(() => AttemptFailed, e => ForExistingTask(e, c => c.Message.TaskId));
        Event(() => RecoveryRequested, e =>
        {
            e.CorrelateById(c => c.Message.CorrelationId);
            e.OnMissingInstance(m => m.Discard());
        });

        Schedule(() => AttemptTimeout, x => x.TimeoutTokenId, s =>
        {
            s.Delay = TimeSpan.FromSeconds(settings.TaskTimeoutSeconds);
            s.Received = r => r.CorrelateById(c => c.Message.CorrelationId);
        });
        Schedule(() => RetryDue, x => x.RetryTokenId, s =>
        {
            s.Delay = TimeSpan.FromSeconds(settings.RetryDelaySeconds);
            s.Received = r => r.CorrelateById(c => c.Message.CorrelationId);
        });

        // Late and duplicate messages are normal in a distributed engine: they change nothing and raise nothing.
        OnUnhandledEvent(x => x.Ignore());

        Initially(
            When(ExecuteRequested, c => c.Message.CancelledOnArrival is null)
                .Accept(settings, clock)
                .LogAccepted(logger)
                .TransitionTo(Queued)
                .Enqueue(owner, clock),
            When(ExecuteRequested, c => c.Message.CancelledOnArrival is not null)
                .Accept(settings, clock)
                .LogAcceptedCancelled(logger)
                .CancelOnArrival(clock)
                .TransitionTo(Cancelled));

        During(Queued,
            When(Started, c => c.Message.Attempt == c.Saga.Attempt + 1)
                .Unschedule(RetryDue)
                .BeginAttempt(owner, clock)
                .Schedule(AttemptTimeout,
                    c => new TaskTimeoutElapsed(c.Saga.CorrelationId, c.Saga.Attempt),
                    c => TimeSpan.FromSeconds(c.Saga.TimeoutSeconds) + WorkerReportGrace)
                .TransitionTo(InProgress),
            When(RetryDue.Received, c => c.Message.Attempt == c.Saga.Attempt)
                .Enqueue(owner, clock),
            When(RecoveryRequested, c => c.Saga.OwnerInstance == c.Message.LostInstance)
                .Unschedule(RetryDue)
                .Enqueue(owner, clock),
            RetryOrFail(When(AttemptFailed, c => c.Message.Attempt == c.Saga.Attempt + 1).Unschedule(RetryDue).CountRefusedAttempt(),
                c => AttemptFailure.From(c.Message, c.Saga), retryPolicy, owner, clock, logger),
            When(CancelRequested)
                .Unschedule(RetryDue)
                .Cancel(clock)
                .LogCancelled(logger)
                .TransitionTo(Cancelled),
            When(ExecuteRequested)
                .LogDuplicate(logger, owner));

        During(InProgress,
            When(Progressed, c => c.Message.Attempt == c.Saga.Attempt)
                .RecordProgress(clock),
            When(Succeeded, c => c.Message.Attempt == c.Saga.Attempt)
                .Unschedule(AttemptTimeout)
                .Complete(owner, clock)
                .LogFinished(logger)
                .TransitionTo(Completed),
            RetryOrFail(When(AttemptFailed, c => c.Message.Attempt == c.Saga.Attempt), c => AttemptFailure.From(c.Message, c.Saga), retryPolicy, owner, clock, logger),
            RetryOrFail(When(AttemptTimeout.Received, c => c.Message.Attempt == c.Saga.Attempt), c => AttemptFailure.TimedOut(c.Saga), retryPolicy, owner, clock, logger),
            RetryOrFail(When(RecoveryRequested, c => c.Saga.OwnerInstance == c.Message.LostInstance),
                c => AttemptFailure.InstanceLost(c.Saga, c.Message.LostInstance), retryPolicy, owner, clock, logger),
            When(CancelRequested)
                .Unschedule(AttemptTimeout)
                .Cancel(clock)
                .LogCancelled(logger)
                .TransitionTo(Cancelled),
            When(ExecuteRequested)
                .LogDuplicate(logger, owner));

        During(Completed,
            When(ExecuteRequested, c => c.Message.RequestedAt > c.Saga.FinishedAt)
                .LogResultAgain(logger)
                .PublishResultAgain(),
            When(ExecuteRequested, c => c.Message.RequestedAt <= c.Saga.FinishedAt)
                .LogDuplicate(logger, owner));

        During(Failed, Cancelled,
            When(ExecuteRequested, c => c.Message.RequestedAt > c.Saga.FinishedAt)
                .LogRunAgain(logger)
                .StartOver()
                .Accept(settings, clock)
                .LogAccepted(logger)
                .TransitionTo(Queued)
                .Enqueue(owner, clock),
            When(ExecuteRequested, c => c.Message.RequestedAt <= c.Saga.FinishedAt)
                .LogDuplicate(logger, owner));
    }

    /// <summary>
    /// The worker stops its attempt at the deadline and reports the timeout itself, saying when the model last answered
    /// (<c>error_details.last_response_time</c>); the saga's timer is the backstop for a worker that cannot report, so
    /// it fires a little later, or under load it would win the race with a report that says less.
    /// </summary>
    private static readonly TimeSpan WorkerReportGrace = TimeSpan.FromSeconds(2);

    public State Queued { get; private set; } = null!;

    public State InProgress { get; private set; } = null!;

    public State Completed { get; private set; } = null!;

    public State Failed { get; private set; } = null!;

    public State Cancelled { get; private set; } = null!;

    public Event<ExecuteTask> ExecuteRequested { get; private set; } = null!;

    public Event<CancelTask> CancelRequested { get; private set; } = null!;

    public Event<TaskStarted> Started { get; private set; } = null!;

    public Event<TaskProgressed> Progressed { get; private set; } = null!;

    public Event<TaskSucceeded> Succeeded { get; private set; } = null!;

    public Event<TaskAttemptFailed> AttemptFailed { get; private set; } = null!;

    public Event<RecoverTask> RecoveryRequested { get; private set; } = null!;

    public Schedule<TaskState, TaskTimeoutElapsed> AttemptTimeout { get; private set; } = null!;

    public Schedule<TaskState, TaskRetryDue> RetryDue { get; private set; } = null!;

    private static void ForExistingTask<T>(IEventCorrelationConfigurator<TaskState, T> e, Func<ConsumeContext<T>, string> taskId)
        where T : class
    {
        e.CorrelateById(c => TaskIds.ToCorrelationId(taskId(c)));
        e.OnMissingInstance(m => m.Discard());
    }

    private EventActivityBinder<TaskState, T> RetryOrFail<T>(
        EventActivityBinder<TaskState, T> binder,
        Func<BehaviorContext<TaskState, T>, AttemptFailure> failure,
        RetryBackoff backoff,
        string instanceId,
        TimeProvider clock,
        ILogger logger)
        where T : class =>
        binder
            .Unschedule(AttemptTimeout)
            .Then(c => c.Saga.RecordFailure(failure(c), backoff, clock.GetUtcNow()))
            .IfElse(c => c.Saga.CanRetry(),
                retry => retry
                    .Schedule(RetryDue,
                        c => new TaskRetryDue(c.Saga.CorrelationId, c.Saga.Attempt),
                        c => c.Saga.RetryAt!.Value - clock.GetUtcNow())
                    .TransitionTo(Queued)
                    .AnnounceRetry(instanceId, clock)
                    .LogRetry(logger, clock),
                fail => fail
                    .FinishFailed(instanceId, clock)
                    .LogFinished(logger)
                    .TransitionTo(Failed));
}
