using System.Text.Json.Nodes;
using Maas.Contracts.Faults;
using Maas.Contracts.Messages;
using Maas.Contracts.Wire;
using Maas.Engine.Agents;
using Maas.Engine.Agents.Health;
using Maas.Engine.Agents.Registry;
using Maas.Engine.Agents.Kinds;
using Maas.Engine.AI;
using Maas.Engine.Tasks;
using Maas.Engine.Telemetry;
using MassTransit.Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Execution;

/// <summary>
/// Runs one attempt of a task on the agent selection chose (its slot already taken): check the input, tell the saga it started, run the agent within
/// the task's timeout, and report the outcome. Every outcome goes back through the mediator; the saga decides
/// what it means (a late report of an attempt that already timed out is dropped there).
/// </summary>
internal sealed partial class TaskRunner(
    IMediator mediator,
    AgentCatalog agents,
    ChatAgent chatAgent,
    RunningTasks running,
    AgentHealth health,
    MetricLabels labels,
    IOptions<EngineOptions> options,
    IOptions<AgentsOptions> agentOptions,
    TimeProvider clock,
    ILogger<TaskRunner> logger)
{
    private readonly int _heartbeatSeconds = options.Value.AgentHeartbeatIntervalSeconds;

    // Agents that are all unhealthy may be back by the next probe: that is when the task is worth trying again.
    private readonly int _probeSeconds = (int)Math.Ceiling(agentOptions.Value.ProbeIntervalSeconds);

    // The platform may send an unknown task type again once an agent exists for it; this is when we suggest it does.
    private const int AgentUnavailableRetryDelaySeconds = 60;

    private static readonly TimeSpan MaxReportDelay = TimeSpan.FromSeconds(5);

    private long _outageRetries;

    /// <summary>Reports sent again because the database was away: how a test (or an operator) sees a result being held.</summary>
    public long OutageRetries => Interlocked.Read(ref _outageRetries);

    public async Task Run(Dispatch dispatch, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        var task = dispatch.Task;
        using var scope = logger.BeginScope(new TaskLogScope(task.TaskId));
        using var telemetry = AttemptTelemetry.Start(task, labels, clock);
        var choice = dispatch.Choice ?? throw new InvalidOperationException("A task reached a worker without an agent choice.");
        if (choice.Kind != AgentChoiceKind.Run)
        {
            await Refuse(task, choice, stopping);
            return;
        }

        var agent = agents.Find(choice.AgentId!)!;
        try
        {
            await RunOn(agent, task, telemetry, stopping);
        }
        finally
        {
            agents.ActivityOf(agent.AgentId).End(clock.GetUtcNow());
        }
    }

    // Refusals come before TaskStarted: a task no agent can run fails from Queued without ever claiming to run.
    private Task Refuse(TaskQueued task, AgentChoice choice, CancellationToken stopping)
    {
        var unhealthy = choice.Kind == AgentChoiceKind.Unhealthy;
        var message = TaskKinds.Find(task.TaskType) is null || choice.Kind == AgentChoiceKind.NoAgent && task.EnvironmentId is null
            ? $"No suitable agent available for task type '{task.TaskType}'"
            : $"No suitable agent available for task type '{task.TaskType}': {choice.Reason}";
        return Report(Failure(task, ErrorTypes.AgentUnavailable, message, retryable: unhealthy) with
        {
            RetryDelaySeconds = unhealthy ? _probeSeconds : AgentUnavailableRetryDelaySeconds,
            ErrorDetails = new JsonObject { ["task_type"] = task.TaskType, ["available_task_types"] = new JsonArray([.. agents.TaskTypes.Select(t => JsonValue.Create(t))]) }.ToJsonString(),
        }, stopping);
    }

    private async Task RunOn(AgentProfile agent, TaskQueued task, AttemptTelemetry telemetry, CancellationToken stopping)
    {
        // Input is checked before TaskStarted too: a task whose input is wrong fails from Queued.
        var kind = TaskKinds.Find(task.TaskType)!;
        var input = JsonNode.Parse(task.InputData) as JsonObject ?? [];
        var errors = kind.ValidateInput(input);
        if (errors.Count > 0)
        {
            var first = errors[0];
            await Report(Failure(task, ErrorTypes.InvalidInput,
                first.Error == InputRules.Required ? $"Required field '{first.Field["input_data.".Length..]}' missing from input_data" : $"{first.Field}: {first.Error}",
                retryable: false) with { ValidationErrors = errors }, stopping);
            return;
        }

        // A platform agent the engine does not know is reported back as named; otherwise the agent that runs it.
        var agentId = task.AgentId is { } named && agents.Find(named) is null ? named : agent.AgentId;
        var chat = agents.ChatOf(agent);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        attempt.CancelAfter(TimeSpan.FromSeconds(task.TimeoutSeconds));

        // Registered before the saga hears of the start, so a cancel that arrives meanwhile still stops this attempt
        // before its model is called.
        var runningAttempt = running.Add(task.TaskId, attempt);
        telemetry.Running(agentId);
        var heartbeat = new PeriodicTimer(TimeSpan.FromSeconds(_heartbeatSeconds), clock);
        var beating = Task.CompletedTask;
        var began = clock.GetTimestamp();
        try
        {
            await Report(new TaskStarted(task.TaskId, task.Attempt, agentId, clock.GetUtcNow()), stopping);
            logger.AttemptStarted(task.TaskId, task.Attempt, agentId);
            beating = Heartbeat(task, heartbeat, attempt.Token);
            var result = await chatAgent.Run(agent, kind, input, attempt.Token, runningAttempt);
            await StopHeartbeat(heartbeat, beating);
            health.CallSucceeded(chat.Endpoint);
            logger.AttemptCompleted(task.TaskId, task.Attempt, "completed", agentId, Elapsed(began), result.TokensUsed, result.ModelUsed);
            telemetry.Succeeded(result);
            await Report(new TaskSucceeded
            {
                TaskId = task.TaskId,
                Attempt = task.Attempt,
                OutputData = result.OutputJson,
                TokensUsed = result.TokensUsed,
                InputTokens = result.InputTokens,
                OutputTokens = result.OutputTokens,
                ModelUsed = result.ModelUsed,
                CostEstimate = result.CostEstimate,
                ToolCalls = result.ToolCalls,
                ToolCallsByName = result.ToolCallsByName,
                FinishedAt = clock.GetUtcNow(),
            }, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: the attempt's timer fails it over to another attempt, here or on another instance.
            logger.AttemptStopped(task.TaskId, task.Attempt, "stopped", agentId, Elapsed(began));
        }
        catch (OperationCanceledException) when (runningAttempt.Cancelled)
        {
            telemetry.Cancelled();
            // Cancelled: the saga already knows, and has nothing more to hear about this attempt.
            logger.AttemptStopped(task.TaskId, task.Attempt, "cancelled", agentId, Elapsed(began));
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested)
        {
            // Expected, and the platform is told: a line at INFO naming the task, never a warning with a stack.
            logger.AttemptFailed(task.TaskId, task.Attempt, "timed_out", agentId, Elapsed(began), ErrorTypes.AgentTimeout);
            await Report(ProviderFailures.Timeout(agentId, task.TimeoutSeconds, runningAttempt.LastAnswerAt).ToAttemptFailed(task.TaskId, task.Attempt), stopping);
        }
        catch (ProviderException e)
        {
            LogProviderFailed(task.TaskId, task.Attempt, e.Provider, e.Kind, e.Message);
            if (e.Kind == ProviderFailureKind.Unavailable)
            {
                health.CallFailed(chat.Endpoint, e.Message);
            }

            var failed = ProviderFailures.From(e).ToAttemptFailed(task.TaskId, task.Attempt);
            logger.AttemptFailed(task.TaskId, task.Attempt, "failed", agentId, Elapsed(began), failed.ErrorType);
            await Report(failed, stopping);
        }
        catch (InvalidAgentOutputException e)
        {
            LogInvalidOutput(task.TaskId, task.Attempt, e.Message);
            logger.AttemptFailed(task.TaskId, task.Attempt, "failed", agentId, Elapsed(began), ErrorTypes.SystemError);
            await Report(ProviderFailures.InvalidOutput(agentId, e.Errors).ToAttemptFailed(task.TaskId, task.Attempt), stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogAgentFailed(task.TaskId, task.Attempt, e);
            logger.AttemptFailed(task.TaskId, task.Attempt, "failed", agentId, Elapsed(began), ErrorTypes.SystemError);
            await Report(Failure(task, ErrorTypes.SystemError, $"Agent {agentId} failed: {e.Message}", retryable: true) with
            {
                SystemDetails = new SystemDetails("agent", e.GetType().Name),
            }, stopping);
        }
        finally
        {
            await StopHeartbeat(heartbeat, beating);
            running.Remove(task.TaskId);
        }
    }

    // A slow model must not look like a dead one: every AGENT_HEARTBEAT_INTERVAL the attempt reports progress,
    // estimated from the share of its timeout used, kept below 100 until the agent really answers. Stopping disposes
    // the timer, which ends the loop without an exception: most agents answer before the first beat, and an
    // exception per task is a measurable cost at thousands of tasks a second.
    private async Task Heartbeat(TaskQueued task, PeriodicTimer timer, CancellationToken attempt)
    {
        var started = clock.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(CancellationToken.None))
            {
                var elapsed = clock.GetElapsedTime(started);
                var percentage = (int)Math.Clamp(elapsed.TotalSeconds / task.TimeoutSeconds * 100, 1, 95);
                await Report(new TaskProgressed(task.TaskId, task.Attempt, percentage, $"Waiting for the model ({elapsed.TotalSeconds:0}s)"), attempt);
            }
        }
        catch (OperationCanceledException)
        {
            // The attempt was cancelled or timed out while a beat was being recorded.
        }
    }

    private long Elapsed(long began) => (long)clock.GetElapsedTime(began).TotalMilliseconds;

    private static async Task StopHeartbeat(PeriodicTimer heartbeat, Task beating)
    {
        heartbeat.Dispose();
        await beating;
    }

    private static TaskAttemptFailed Failure(TaskQueued task, string errorType, string message, bool retryable) => new()
    {
        TaskId = task.TaskId,
        Attempt = task.Attempt,
        ErrorType = errorType,
        ErrorMessage = message,
        Retryable = retryable,
    };

    // The saga row is the truth. A report that meets a database outage is held and sent again, with back-off, until
    // the database returns (a result the model was paid for is not thrown away) or the engine stops; any other failure
    // is worth a few tries. Progress beats are not held: the next beat says more than a late one.
    private async Task Report<T>(T message, CancellationToken stopping)
        where T : class
    {
        AttemptTelemetry.Reporting(message);
        var hold = message is not TaskProgressed;
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await mediator.Send(message, stopping);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var outage = hold && DatabaseFault.Of(e).Kind == DatabaseFaultKind.Transient;
                if (!outage && attempt >= 5)
                {
                    LogReportLost(typeof(T).Name, e);
                    return;
                }

                if (outage)
                {
                    Interlocked.Increment(ref _outageRetries);
                }

                LogReportRetry(typeof(T).Name, attempt, e.Message);
            }

            await Task.Delay(delay, clock, stopping);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReportDelay.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} attempt {Attempt}: provider {Provider} failed ({Kind}): {Reason}")]
    private partial void LogProviderFailed(string taskId, int attempt, string provider, ProviderFailureKind kind, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} attempt {Attempt}: {Reason}")]
    private partial void LogInvalidOutput(string taskId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent failed on task {TaskId} attempt {Attempt}")]
    private partial void LogAgentFailed(string taskId, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record {Message} (try {Try}: {Reason}); holding it and trying again")]
    private partial void LogReportRetry(string message, int @try, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up recording {Message}; the task's timer will move it on")]
    private partial void LogReportLost(string message, Exception exception);
}
