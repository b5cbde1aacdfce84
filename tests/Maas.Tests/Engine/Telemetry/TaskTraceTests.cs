using System.Diagnostics;
using Maas.Contracts.Diagnostics;
using Maas.Tests.Infrastructure;
using Maas.Tests.Infrastructure.Providers;
using Maas.Tests.Infrastructure.Telemetry;

namespace Maas.Tests.Engine.Telemetry;

/// <summary>
/// The trace of a task's run, read from an in-memory exporter on the real engine: one trace from the Redis receive to
/// the result's publish, retries included, under the platform's <c>traceparent</c> when it sends one.
/// </summary>
public sealed class TaskTraceTests : OpenAIWireTest
{
    private const string Code = """{"code":"print('Hello, World!')","language":"python","file_name":"hello.py","explanation":"Prints a greeting.","dependencies":[],"test_cases":[{"input":"","expected_output":"Hello, World!"}]}""";

    private readonly SpanCollection _spans = new();

    [Fact]
    public async Task One_task_is_one_trace_from_the_redis_receive_through_saga_worker_and_model_to_each_publish()
    {
        await using var engine = await EngineApp.Start(Database, Channels, services: _spans.Register);
        var (taskId, receive, resultPublish) = await RunTheSeedsTask();

        Assert.Equal(default, receive.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, receive.Kind);
        var trace = _spans.InTrace(receive.TraceId);
        var attempt = Assert.Single(trace, s => s.DisplayName == "task attempt");
        Assert.Equal(receive.SpanId, attempt.ParentSpanId);
        Assert.All(_spans.OfTask(taskId), s => Assert.Equal(receive.TraceId, s.TraceId));
        Assert.Equal(receive.TraceId, resultPublish.TraceId);
        Assert.Equal(ActivityKind.Producer, resultPublish.Kind);
        // The saga's transitions are told on the span of the work that caused them, as span events.
        Assert.Contains(receive.Events, e => e.Name == "saga ExecuteRequested" && (string?)e.Tags.Single(t => t.Key == "maas.saga.state").Value == "Queued");
        Assert.Contains(attempt.Events, e => e.Name == "saga Started");
        Assert.Contains(attempt.Events, e => e.Name == "saga Succeeded" && (string?)e.Tags.Single(t => t.Key == "maas.saga.state").Value == "Completed");
        Assert.DoesNotContain(trace, s => s.DisplayName.StartsWith("saga ", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.DisplayName == $"publish {Channels.Status}");
        Assert.Equal(taskId, attempt.GetTagItem(EngineTelemetry.TaskId));
        Assert.Equal("code_generation", attempt.GetTagItem(EngineTelemetry.TaskType));
        Assert.Equal("code_generator_658e1617", attempt.GetTagItem(EngineTelemetry.AgentId)); // the seed names its agent
        Assert.Equal(1, attempt.GetTagItem(EngineTelemetry.Attempt));
        var model = Assert.Single(trace, s => s.Source.Name == EngineTelemetry.AiSourceName && s.DisplayName.StartsWith("chat", StringComparison.Ordinal));
        Assert.True(IsUnder(model, attempt, trace), "the model call is not under the attempt");
        Assert.Equal("chat", model.GetTagItem("gen_ai.operation.name"));
        await Eventually.Until(() => Orphans(_spans.InTrace(receive.TraceId)).Count == 0, "every span's parent to be exported too (one tree, no gaps)");
        Assert.DoesNotContain(model.TagObjects, t => t.Key.Contains("message", StringComparison.Ordinal) || t.Key.Contains("content", StringComparison.Ordinal));
        // No tool was offered, so no tool orchestration span wraps the one model call.
        Assert.DoesNotContain(trace, s => s.DisplayName == "orchestrate_tools");
    }

    [Fact]
    public async Task The_engines_spans_carry_its_own_attributes_not_the_mediators_message_ids_addresses_or_baggage()
    {
        await using var engine = await EngineApp.Start(Database, Channels, services: _spans.Register);
        var (_, receive, _) = await RunTheSeedsTask();

        var trace = _spans.InTrace(receive.TraceId);
        Assert.Contains(trace, s => s.Events.Any(e => e.Name == "saga Succeeded"));
        Assert.All(trace, s =>
        {
            Assert.DoesNotContain(s.TagObjects, t => t.Key.StartsWith("messaging.masstransit.", StringComparison.Ordinal) || t.Key == "messaging.message.conversation_id");
            Assert.Empty(s.Baggage);
        });
    }

    [Fact]
    public async Task A_retry_after_a_providers_503_continues_the_runs_trace()
    {
        Server.Script(new ScriptedReply.Failure(503, """{"error":{"message":"overloaded","type":"server_error"}}""", TimeSpan.FromSeconds(1)), new ScriptedReply.Answer(Code, 10, 10));
        var settings = Server.Settings();
        settings["PROVIDER_RETRY_ATTEMPTS"] = "0";
        settings["TASK_RETRY_DELAY_SECONDS"] = "0.1";
        await using var engine = await EngineApp.Start(Database, Channels, settings, services: _spans.Register);
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        var completed = await Platform.WaitForResult(taskId);
        await _spans.WaitFor(taskId, s => s.DisplayName == $"publish {Channels.Results}", "the result's publish span");

        Assert.Equal("task_completed", completed.MessageType);
        var receive = Assert.Single(_spans.OfTask(taskId), s => s.DisplayName == $"receive {Channels.Tasks}");
        var attempts = _spans.OfTask(taskId).Where(s => s.DisplayName == "task attempt").OrderBy(s => (int)s.GetTagItem(EngineTelemetry.Attempt)!).ToList();
        Assert.Equal([1, 2], attempts.Select(s => (int)s.GetTagItem(EngineTelemetry.Attempt)!));
        Assert.All(attempts, a => Assert.Equal(receive.TraceId, a.TraceId));
        Assert.Equal(ActivityStatusCode.Error, attempts[0].Status);
        Assert.Equal("agent_unavailable", attempts[0].GetTagItem("error.type"));
        // The retry was queued by a Quartz timer, with nothing current: its spans hang from the context in the row.
        Assert.Equal(receive.SpanId, attempts[1].ParentSpanId);
        Assert.Contains(_spans.InTrace(receive.TraceId), s => s.DisplayName.StartsWith("saga RetryDue", StringComparison.Ordinal));
        Assert.Equal(2, _spans.InTrace(receive.TraceId).Count(s => s.Source.Name == EngineTelemetry.AiSourceName && s.DisplayName.StartsWith("chat", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_takeover_by_another_instance_continues_the_runs_trace_from_the_context_in_the_row()
    {
        var recovery = new Dictionary<string, string?>
        {
            ["RECOVERY_INTERVAL_SECONDS"] = "0.5",
            ["ENGINE_INSTANCE_TTL_SECONDS"] = "2",
            ["TASK_RETRY_DELAY_SECONDS"] = "0.1",
        };
        var taskId = SeedMessages.NewTaskId();
        var first = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>(recovery)
        {
            ["ENGINE_INSTANCE_ID"] = "engine-a",
            ["OFFLINE_AGENT_DELAY_MS"] = "600000",
        }, services: _spans.Register);
        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        await Platform.WaitFor(taskId, m => m.Status == "IN_PROGRESS", "IN_PROGRESS on engine-a");
        var receive = await _spans.WaitFor(taskId, s => s.DisplayName == $"receive {Channels.Tasks}", "the receive span");
        var stored = (await first.Tasks.Find(taskId, CancellationToken.None))!.TraceParent;
        await first.DisposeAsync();

        await using var second = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>(recovery) { ["ENGINE_INSTANCE_ID"] = "engine-b" }, services: _spans.Register);
        Assert.Equal("task_completed", (await Platform.WaitForResult(taskId)).MessageType);
        var retry = await _spans.WaitFor(taskId, s => s.DisplayName == "task attempt" && (int)s.GetTagItem(EngineTelemetry.Attempt)! == 2, "the second attempt's span");

        Assert.Equal($"00-{receive.TraceId}-{receive.SpanId}-01", stored);
        Assert.Equal(receive.TraceId, retry.TraceId);
        Assert.Equal(receive.SpanId, retry.ParentSpanId);
        Assert.Contains(_spans.InTrace(receive.TraceId), s => s.DisplayName == "saga RecoveryRequested");
    }

    [Fact]
    public async Task A_traceparent_on_the_incoming_message_becomes_the_runs_parent()
    {
        await using var engine = await EngineApp.Start(Database, Channels, services: _spans.Register);
        var platformTrace = ActivityTraceId.CreateRandom();
        var platformSpan = ActivitySpanId.CreateRandom();
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId, m => m["traceparent"] = $"00-{platformTrace}-{platformSpan}-01"));
        await Platform.WaitForResult(taskId);
        await _spans.WaitFor(taskId, s => s.DisplayName == $"publish {Channels.Results}", "the result's publish span");

        var receive = Assert.Single(_spans.OfTask(taskId), s => s.DisplayName == $"receive {Channels.Tasks}");
        Assert.Equal(platformTrace, receive.TraceId);
        Assert.Equal(platformSpan, receive.ParentSpanId);
        Assert.All(_spans.OfTask(taskId), s => Assert.Equal(platformTrace, s.TraceId));
    }

    [Fact]
    public async Task A_malformed_traceparent_is_ignored_and_the_task_still_runs_in_a_trace_of_its_own()
    {
        await using var engine = await EngineApp.Start(Database, Channels, services: _spans.Register);
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId, m => m["traceparent"] = "00-not-a-trace-context-01"));
        var completed = await Platform.WaitForResult(taskId);
        await _spans.WaitFor(taskId, s => s.DisplayName == $"publish {Channels.Results}", "the result's publish span");

        Assert.Equal("task_completed", completed.MessageType);
        var receive = Assert.Single(_spans.OfTask(taskId), s => s.DisplayName == $"receive {Channels.Tasks}");
        Assert.Equal(default, receive.ParentSpanId);
        Assert.All(_spans.OfTask(taskId), s => Assert.Equal(receive.TraceId, s.TraceId));
    }

    /// <summary>Publishes the seed's task and waits for its result and its result's publish span; its receive span.</summary>
    private async Task<(string TaskId, Activity Receive, Activity ResultPublish)> RunTheSeedsTask()
    {
        var taskId = SeedMessages.NewTaskId();
        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        await Platform.WaitForResult(taskId);
        var resultPublish = await _spans.WaitFor(taskId, s => s.DisplayName == $"publish {Channels.Results}", "the result's publish span");
        return (taskId, Assert.Single(_spans.OfTask(taskId), s => s.DisplayName == $"receive {Channels.Tasks}"), resultPublish);
    }

    private static List<Activity> Orphans(IReadOnlyList<Activity> trace) =>
        [.. trace.Where(s => s.ParentSpanId != default && !trace.Any(p => p.SpanId == s.ParentSpanId))];

    private static bool IsUnder(Activity span, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        for (var parent = span.ParentSpanId; parent != default;)
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }

            parent = trace.FirstOrDefault(s => s.SpanId == parent)?.ParentSpanId ?? default;
        }

        return false;
    }
}
