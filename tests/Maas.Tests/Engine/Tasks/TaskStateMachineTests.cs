using Maas.Contracts.Messages;
using Maas.Contracts.Wire;
using Maas.Engine;
using Maas.Engine.Tasks;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Maas.Tests.Engine.Tasks;

/// <summary>The saga's transitions on MassTransit's test harness (in-memory bus and scheduler); the wire is tested elsewhere.</summary>
public sealed class TaskStateMachineTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private ServiceProvider _provider = null!;
    private ITestHarness _harness = null!;
    private ISagaStateMachineTestHarness<TaskStateMachine, TaskState> _saga = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddOptions<EngineOptions>().Configure(o =>
        {
            o.DatabaseUrl = "postgresql://unused@localhost/unused";
            o.RetryDelaySeconds = 0.1;
            o.RetryMaxDelaySeconds = 0.2;
        });
        services.AddSingleton(TimeProvider.System);
        services.AddMassTransitTestHarness(x =>
        {
            x.AddDelayedMessageScheduler();
            x.AddSagaStateMachine<TaskStateMachine, TaskState, TaskStateMachineDefinition>().InMemoryRepository();
            x.UsingInMemory((context, cfg) =>
            {
                cfg.UseDelayedMessageScheduler();
                cfg.ConfigureEndpoints(context);
            });
        });
        _provider = services.BuildServiceProvider(validateScopes: true);
        _harness = _provider.GetRequiredService<ITestHarness>();
        // How long the harness waits with nothing happening before it answers "not published": 3 s was too short
        // when the whole suite loads the 2 cores (a cancel's TaskCancelled was once reported missing).
        _harness.TestInactivityTimeout = TimeSpan.FromSeconds(6);
        await _harness.Start();
        _saga = _harness.GetSagaStateMachineHarness<TaskStateMachine, TaskState>();
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task A_new_task_is_queued_for_its_first_attempt()
    {
        var taskId = await Execute();

        Assert.NotNull(await _saga.Exists(TaskIds.ToCorrelationId(taskId), m => m.Queued, Wait));
        Assert.True(await _harness.Published.Any<TaskQueued>(m => m.Context.Message.TaskId == taskId && m.Context.Message.Attempt == 1));
        Assert.True(await _harness.Published.Any<TaskStatusChanged>(m => m.Context.Message.TaskId == taskId && m.Context.Message.Status == TaskStatuses.Queued));
    }

    [Fact]
    public async Task A_started_attempt_that_succeeds_completes_the_task_with_its_result()
    {
        var taskId = await Execute();
        await Start(taskId, 1);

        await _harness.Bus.Publish(new TaskSucceeded { TaskId = taskId, Attempt = 1, OutputData = """{"code":"print(1)"}""", TokensUsed = 12, InputTokens = 9, OutputTokens = 3, ModelUsed = "offline", CostEstimate = 0, FinishedAt = DateTimeOffset.UtcNow });

        Assert.NotNull(await _saga.Exists(TaskIds.ToCorrelationId(taskId), m => m.Completed, Wait));
        var completed = _harness.Published.Select<TaskCompleted>(m => m.Context.Message.TaskId == taskId).Single().Context.Message;
        Assert.Equal("""{"code":"print(1)"}""", completed.OutputData);
        Assert.Equal(12, completed.TokensUsed);
        Assert.Equal("agent_1", completed.AgentId);
        var row = _saga.Sagas.Contains(TaskIds.ToCorrelationId(taskId))!;
        Assert.Equal((9, 3), (row.InputTokens, row.OutputTokens));
    }

    [Fact]
    public async Task A_retryable_failure_within_the_budget_queues_the_next_attempt_after_a_back_off()
    {
        var taskId = await Execute(maxRetries: 2);
        await Start(taskId, 1);

        await _harness.Bus.Publish(Failure(taskId, 1, retryable: true));

        Assert.True(await _harness.Published.Any<TaskQueued>(m => m.Context.Message.TaskId == taskId && m.Context.Message.Attempt == 2));
        Assert.NotNull(await _saga.Exists(TaskIds.ToCorrelationId(taskId), m => m.Queued, Wait));
        Assert.False(await _harness.Published.Any<TaskFailed>(m => m.Context.Message.TaskId == taskId));
    }

    [Fact]
    public async Task A_non_retryable_failure_fails_the_task_at_once()
    {
        var taskId = await Execute(maxRetries: 3);
        await Start(taskId, 1);

        await _harness.Bus.Publish(Failure(taskId, 1, retryable: false));

        Assert.NotNull(await _saga.Exists(TaskIds.ToCorrelationId(taskId), m => m.Failed, Wait));
        var failed = _harness.Published.Select<TaskFailed>(m => m.Context.Message.TaskId == taskId).Single().Context.Message;
        Assert.Equal(ErrorTypes.SystemError, failed.ErrorType);
        Assert.False(failed.RetryPossible);
        Assert.Equal(0, failed.RetryCount);
        Assert.Equal(3, failed.MaxRetries);
    }

    [Fact]
    public async Task An_attempt_refused_before_it_started_fails_the_task_from_queued_without_in_progress()
    {
        var taskId = await Execute(maxRetries: 3);
        Assert.NotNull(await _saga.Exists(TaskIds.ToCorrelationId(taskId), m => m.Queued, Wait));

        await _harness.Bus.Publish(Failure(taskId, 1, retryable: false) with { ErrorType = ErrorTypes.InvalidInput });

        Assert.NotNull(await _saga.Exists(TaskIds.ToCorrelationId(taskId), m => m.Failed, Wait));
        var failed = _harness.Published.Select<TaskFailed>(m => m.Context.Message.TaskId == taskId).Single().Context.Message;
        Assert.Equal(ErrorTypes.InvalidInput, failed.ErrorType);
        Assert.Equal(0, failed.RetryCount);
        Assert.False(await _harness.Published.Any<TaskStatusChanged>(m => m.Context.Message.TaskId == taskId && m.Context.Message.Status == TaskStatuses.InProgress));
        Assert.Equal(1, _saga.Sagas.Contains(TaskIds.ToCorrelationId(taskId))!.Attempt);
    }

    [Fact]
    public async Task A_refusal_of_an_attempt_that_is_not_the_next_changes_nothing()
    {
        var taskId = await Execute(maxRetries: 3);
        Assert.NotNull(await _saga.Exists(TaskIds.ToCorrelationId(taskId), m => m.Queued, Wait));

        await _harness.Bus.Publish(Failure(taskId, 2, retryable: false));
        await Start(taskId, 1);

        Assert.NotNull(await _saga.Exists(TaskIds.ToCorrelationId(taskId), m => m.InProgress, Wait));
        Assert.False(await _harness.Published.Any<TaskFailed>(m => m.Context.Message.TaskId == taskId));
    }

    [Fact]
    public async Task A_retryable_failure_waits_at_least_the_retry_delay_the_provider_asked_for()
    {
        var taskId = await Execute(maxRetries: 2);
        await Start(taskId, 1);
        var failedAt = DateTimeOffset.UtcNow;

        await _harness.Bus.Publish(Failure(taskId, 1, retryable: true) with { ErrorType = ErrorTypes.ResourceExhausted, RetryDelaySeconds = 120 });

        Assert.True(await _harness.Published.Any<TaskStatusChanged>(m => m.Context.Message.TaskId == taskId && m.Context.Message.Status == TaskStatuses.Queued
            && m.Context.Message.CurrentStep!.StartsWith("Attempt 1 failed", StringComparison.Ordinal)));
        var retryAt = _saga.Sagas.Contains(TaskIds.ToCorrelationId(taskId))!.RetryAt;
        Assert.NotNull(retryAt);
        Assert.InRange(retryAt.Value - failedAt, TimeSpan.FromSeconds(119), TimeSpan.FromSeconds(130));
        Assert.False(await _harness.Published.Any<TaskQueued>(m => m.Context.Message.TaskId == taskId && m.Context.Message.Attempt == 2));
    }

    [Fact]
    public async Task An_attempt_that_outlives_its_timeout_fails_the_task_with_agent_timeout()
    {
        var taskId = await Execute(maxRetries: 0, timeoutSeconds: 1);
        await Start(taskId, 1);

        Assert.NotNull(await _saga.Exists(TaskIds.ToCorrelationId(taskId), m => m.Failed, Wait));
        var failed = _harness.Published.Select<TaskFailed>(m => m.Context.Message.TaskId == taskId).Single().Context.Message;
        Assert.Equal(ErrorTypes.AgentTimeout, failed.ErrorType);
        Assert.Equal(1, failed.TimeoutDuration);
        Assert.True(failed.RetryPossible);
    }

    [Fact]
    public async Task A_timer_that_fires_after_the_result_changes_nothing()
    {
        var taskId = await Execute(maxRetries: 0, timeoutSeconds: 1);
        await Start(taskId, 1);
        await _harness.Bus.Publish(new TaskSucceeded { TaskId = taskId, Attempt = 1, OutputData = "{}", FinishedAt = DateTimeOffset.UtcNow });
        Assert.NotNull(await _saga.Exists(TaskIds.ToCorrelationId(taskId), m => m.Completed, Wait));

        // The harness's in-memory scheduler cannot take a message back (Quartz can: see TimeoutTests), so the
        // timer still arrives; the saga's token check and state must make it harmless.
        Assert.True(await _saga.Consumed.Any<TaskTimeoutElapsed>(m => m.Context.Message.CorrelationId == TaskIds.ToCorrelationId(taskId)));
        Assert.NotNull(await _saga.Exists(TaskIds.ToCorrelationId(taskId), m => m.Completed, Wait));
        Assert.False(await _harness.Published.Any<TaskFailed>(m => m.Context.Message.TaskId == taskId));
    }

    [Fact]
    public async Task A_late_result_of_an_earlier_attempt_is_ignored()
    {
        var taskId = await Execute(maxRetries: 1);
        await Start(taskId, 1);
        await _harness.Bus.Publish(Failure(taskId, 1, retryable: true));
        Assert.True(await _harness.Published.Any<TaskQueued>(m => m.Context.Message.TaskId == taskId && m.Context.Message.Attempt == 2));
        await Start(taskId, 2);

        await _harness.Bus.Publish(new TaskSucceeded { TaskId = taskId, Attempt = 1, OutputData = "{}", FinishedAt = DateTimeOffset.UtcNow });

        Assert.True(await _saga.Consumed.Any<TaskSucceeded>(m => m.Context.Message.TaskId == taskId));
        Assert.NotNull(await _saga.Exists(TaskIds.ToCorrelationId(taskId), m => m.InProgress, Wait));
        Assert.False(await _harness.Published.Any<TaskCompleted>(m => m.Context.Message.TaskId == taskId));
    }

    [Fact]
    public async Task Executing_a_completed_task_again_publishes_its_result_again_without_running_it()
    {
        var taskId = await Execute();
        await Start(taskId, 1);
        await _harness.Bus.Publish(new TaskSucceeded { TaskId = taskId, Attempt = 1, OutputData = "{}", FinishedAt = DateTimeOffset.UtcNow });
        Assert.NotNull(await _saga.Exists(TaskIds.ToCorrelationId(taskId), m => m.Completed, Wait));

        await Execute(taskId);

        await Eventually(() => _harness.Published.Select<TaskCompleted>(m => m.Context.Message.TaskId == taskId).Count() == 2);
        Assert.Single(_harness.Published.Select<TaskQueued>(m => m.Context.Message.TaskId == taskId));
    }

    [Fact]
    public async Task The_same_request_seen_late_by_another_engine_changes_nothing()
    {
        var sentAt = DateTimeOffset.UtcNow;
        var taskId = await Execute(requestedAt: sentAt);
        await Start(taskId, 1);
        await _harness.Bus.Publish(Failure(taskId, 1, retryable: false));
        Assert.NotNull(await _saga.Exists(TaskIds.ToCorrelationId(taskId), m => m.Failed, Wait));

        await Execute(taskId, requestedAt: sentAt);

        await Eventually(() => _saga.Consumed.Select<ExecuteTask>(m => m.Context.Message.TaskId == taskId).Count() == 2);
        Assert.NotNull(await _saga.Exists(TaskIds.ToCorrelationId(taskId), m => m.Failed, Wait));
        Assert.Single(_harness.Published.Select<TaskQueued>(m => m.Context.Message.TaskId == taskId));
    }

    [Fact]
    public async Task Executing_a_failed_task_again_starts_it_over()
    {
        var taskId = await Execute();
        await Start(taskId, 1);
        await _harness.Bus.Publish(Failure(taskId, 1, retryable: false));
        Assert.NotNull(await _saga.Exists(TaskIds.ToCorrelationId(taskId), m => m.Failed, Wait));

        await Execute(taskId);

        await Eventually(() => _harness.Published.Select<TaskQueued>(m => m.Context.Message.TaskId == taskId && m.Context.Message.Attempt == 1).Count() == 2);
        Assert.NotNull(await _saga.Exists(TaskIds.ToCorrelationId(taskId), m => m.Queued, Wait));
    }

    [Fact]
    public async Task Cancelling_a_running_task_ends_it_as_cancelled()
    {
        var taskId = await Execute();
        await Start(taskId, 1);

        await _harness.Bus.Publish(new CancelTask(taskId, "user asked"));

        Assert.NotNull(await _saga.Exists(TaskIds.ToCorrelationId(taskId), m => m.Cancelled, Wait));
        Assert.True(await _harness.Published.Any<TaskCancelled>(m => m.Context.Message.TaskId == taskId && m.Context.Message.Reason == "user asked"));
        Assert.True(await _harness.Published.Any<TaskStatusChanged>(m => m.Context.Message.TaskId == taskId && m.Context.Message.Status == TaskStatuses.Cancelled));
    }

    private async Task<string> Execute(string? taskId = null, int maxRetries = 0, int timeoutSeconds = 300, DateTimeOffset? requestedAt = null)
    {
        var isNew = taskId is null;
        taskId ??= $"task_{Guid.NewGuid():N}";
        await _harness.Bus.Publish(new ExecuteTask
        {
            TaskId = taskId,
            TaskType = "code_generation",
            EnvironmentId = "env",
            InputData = """{"description":"hello"}""",
            TimeoutSeconds = timeoutSeconds,
            MaxRetries = maxRetries,
            RequestedAt = requestedAt ?? DateTimeOffset.UtcNow,
            ReceivedAt = DateTimeOffset.UtcNow,
        });

        // The in-memory bus consumes concurrently: a worker's report sent before the saga exists would find no task.
        if (isNew)
        {
            Assert.NotNull(await _saga.Exists(TaskIds.ToCorrelationId(taskId), m => m.Queued, Wait));
        }

        return taskId;
    }

    private async Task Start(string taskId, int attempt)
    {
        await _harness.Bus.Publish(new TaskStarted(taskId, attempt, $"agent_{attempt}", DateTimeOffset.UtcNow));
        Assert.True(await _harness.Published.Any<TaskStatusChanged>(m =>
            m.Context.Message.TaskId == taskId && m.Context.Message.Status == TaskStatuses.InProgress && m.Context.Message.AgentId == $"agent_{attempt}"));
    }

    private static TaskAttemptFailed Failure(string taskId, int attempt, bool retryable) => new()
    {
        TaskId = taskId,
        Attempt = attempt,
        ErrorType = ErrorTypes.SystemError,
        ErrorMessage = "provider returned 503",
        Retryable = retryable,
    };

    private static Task Eventually(Func<bool> condition) => Maas.Tests.Infrastructure.Eventually.Until(condition, "the harness to observe it", Wait);
}
