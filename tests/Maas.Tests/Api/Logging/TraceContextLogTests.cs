using System.Text.RegularExpressions;
using Maas.Contracts.Diagnostics;
using Maas.Tests.Infrastructure;
using Maas.Tests.Infrastructure.Telemetry;

namespace Maas.Tests.Api.Logging;

/// <summary>The JSON log names the trace and span an entry was written in, whoever started the Activity.</summary>
public sealed partial class TraceContextLogTests
{
    [Fact]
    public async Task An_entry_written_inside_an_activity_carries_its_trace_id_and_span_id()
    {
        // ASP.NET Core starts an Activity for each request, and logs the request at DEBUG.
        await using var engine = await LoggingEngine.Start("json", "DEBUG");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{engine.Port}") };
        using var response = await http.GetAsync(new Uri("/tasks/no-such-task", UriKind.Relative));

        var line = await Eventually.Until(
            () => Task.FromResult(engine.JsonLines().FirstOrDefault(l => (string?)l["category"] == "Microsoft.AspNetCore.Hosting.Diagnostics" && l.ContainsKey("trace_id"))),
            l => l is not null, "a line of the request with its trace");
        Assert.Matches(TraceId(), (string?)line!["trace_id"]);
        Assert.Matches(SpanId(), (string?)line["span_id"]);
        Assert.NotEqual(new string('0', 32), (string?)line["trace_id"]);
    }

    [Fact]
    public async Task A_tasks_lines_carry_its_runs_trace_with_tracing_on_those_written_after_the_sagas_commit_included()
    {
        await using var receiver = await OtlpReceiver.Start();
        await using var engine = await LoggingEngine.Start("json", "INFO", new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });
        var taskId = SeedMessages.NewTaskId();
        await engine.Platform.Publish(SeedMessages.TaskExecute(taskId));
        await engine.Platform.WaitForResult(taskId);

        // Accepted and the end are written once the saga's row is committed, inside a mediator dispatch; the attempt's
        // lines on the worker, under its span.
        var accepted = await engine.WaitForLine(taskId, l => ((string?)l["message"])!.Contains(" accepted:", StringComparison.Ordinal), "the accepted line");
        var started = await engine.WaitForLine(taskId, l => ((string?)l["message"])!.Contains(" started on agent", StringComparison.Ordinal), "the attempt's start");
        var ended = await engine.WaitForLine(taskId, l => ((string?)l["message"])!.Contains(" attempt(s)", StringComparison.Ordinal), "the task's end");
        var trace = (string?)accepted["trace_id"];
        Assert.Matches(TraceId(), trace);
        Assert.Equal(trace, (string?)started["trace_id"]);
        Assert.Equal(trace, (string?)ended["trace_id"]);
        Assert.All(new[] { accepted, started, ended }, l => Assert.Matches(SpanId(), (string?)l["span_id"]));
        // The trace the lines name is the one exported for the task.
        await Eventually.Until(() => receiver.Spans.Any(s => s.Span.TraceId == trace && s.Span.Attributes.GetValueOrDefault(EngineTelemetry.TaskId) == taskId),
            "the task's spans at the receiver, in the trace its lines name");
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex TraceId();

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex SpanId();
}
