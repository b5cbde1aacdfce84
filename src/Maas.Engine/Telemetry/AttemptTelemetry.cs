using System.Diagnostics;
using Maas.Contracts.Diagnostics;
using Maas.Contracts.Messages;
using Maas.Engine.Agents;

namespace Maas.Engine.Telemetry;

/// <summary>
/// One attempt's span and metrics, for <see cref="Execution.TaskRunner"/>: the queue wait when a worker takes the task,
/// the span (parented on the run's trace context the task carries, so a retry continues the run's trace), tasks in
/// flight, the attempt's duration and outcome, and the tokens and cost of a successful one.
/// </summary>
internal sealed class AttemptTelemetry : IDisposable
{
    private readonly TaskQueued _task;
    private readonly MetricLabels _labels;
    private readonly TimeProvider _clock;
    private readonly Activity? _span;
    private readonly string _taskType;
    private string _agent = MetricLabels.Other;
    private long _started;
    private bool _running;
    private string _outcome = "failed";

    private AttemptTelemetry(TaskQueued task, MetricLabels labels, TimeProvider clock)
    {
        _task = task;
        _labels = labels;
        _clock = clock;
        _taskType = labels.TaskType(task.TaskType);
        _span = TraceParents.Start("task attempt", ActivityKind.Internal, task.TraceParent);
        _span?.SetTag(EngineTelemetry.TaskId, task.TaskId)
            .SetTag(EngineTelemetry.TaskType, task.TaskType)
            .SetTag(EngineTelemetry.Attempt, task.Attempt);
    }

    public static AttemptTelemetry Start(TaskQueued task, MetricLabels labels, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(clock);
        var telemetry = new AttemptTelemetry(task, labels, clock);
        var taskType = new KeyValuePair<string, object?>(EngineTelemetry.TaskType, telemetry._taskType);
        if (task.QueuedAt is { } queuedAt)
        {
            EngineMetrics.QueueWait.Record(Math.Max(0, (clock.GetUtcNow() - queuedAt).TotalSeconds), taskType);
        }

        if (task.Attempt > 1)
        {
            EngineMetrics.Retries.Add(1, taskType);
        }

        return telemetry;
    }

    /// <summary>The attempt runs on <paramref name="agentId"/> (refusals before this point are not executions).</summary>
    public void Running(string agentId)
    {
        _agent = _labels.Agent(agentId);
        _span?.SetTag(EngineTelemetry.AgentId, agentId);
        _started = _clock.GetTimestamp();
        _running = true;
        EngineMetrics.InFlight.Add(1, new KeyValuePair<string, object?>(EngineTelemetry.TaskType, _taskType));
    }

    public void Succeeded(AgentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _outcome = "completed";
        var model = new KeyValuePair<string, object?>("model", _labels.Model(result.ModelUsed));
        if (result.InputTokens is { } input)
        {
            EngineMetrics.Tokens.Add(input, model, new("token_type", "input"));
        }

        if (result.OutputTokens is { } output)
        {
            EngineMetrics.Tokens.Add(output, model, new("token_type", "output"));
        }

        if (result.CostEstimate is { } cost)
        {
            EngineMetrics.Cost.Add((double)cost, model);
        }

        _span?.SetTag("gen_ai.response.model", result.ModelUsed);
    }

    public void Cancelled() => _outcome = "cancelled";

    /// <summary>Marks the current attempt's span failed with the error type it reports (no work while nobody listens).</summary>
    public static void Reporting(object message)
    {
        if (message is TaskAttemptFailed failed && Activity.Current is { } span && span.Source == EngineTelemetry.Source)
        {
            span.SetStatus(ActivityStatusCode.Error, failed.ErrorType).SetTag("error.type", failed.ErrorType);
        }
    }

    public void Dispose()
    {
        if (_running)
        {
            var taskType = new KeyValuePair<string, object?>(EngineTelemetry.TaskType, _taskType);
            EngineMetrics.InFlight.Add(-1, taskType);
            EngineMetrics.Execution.Record(_clock.GetElapsedTime(_started).TotalSeconds,
                taskType, new(EngineTelemetry.AgentId, _agent), new("outcome", _outcome));
        }

        if (_span is not null)
        {
            _span.SetTag("outcome", _outcome);
            _span.Dispose();
        }
    }
}
