using System.Net;
using System.Net.Sockets;
using Maas.Contracts.Diagnostics;
using Maas.Tests.Infrastructure;
using Maas.Tests.Infrastructure.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Maas.Tests.Api;

/// <summary>
/// OTLP export by the standard variables alone, against a real OTLP/HTTP receiver: on when an endpoint is named (the
/// SDK appending <c>/v1/traces</c> and <c>/v1/metrics</c> itself), silent when none is.
/// </summary>
public sealed class TelemetryExportTests : WireTest
{
    private static readonly string[] SignalPaths = ["/v1/traces", "/v1/metrics"];

    [Fact]
    public async Task Exports_a_tasks_trace_and_the_metrics_over_otlp_http_protobuf_when_the_endpoint_variable_is_set()
    {
        await using var receiver = await OtlpReceiver.Start();
        var serviceName = $"maas-engine-test-{Guid.NewGuid():N}";
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = serviceName,
            ["OTEL_RESOURCE_ATTRIBUTES"] = "deployment.environment=test",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        });
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        await Platform.WaitForResult(taskId);
        await Eventually.Until(() => TaskSpans(receiver, taskId).Any(s => s.Span.Name == $"publish {Channels.Results}"), "the result's publish span at the receiver");
        await Eventually.Until(() => receiver.MetricNames.Contains("maas.tasks.finished"), "maas.tasks.finished at the receiver");

        Assert.All(receiver.Requests, r =>
        {
            Assert.Contains(r.Path, SignalPaths);
            Assert.Equal("application/x-protobuf", r.ContentType);
        });
        var spans = TaskSpans(receiver, taskId).ToList();
        Assert.Single(spans.Select(s => s.Span.TraceId).Distinct());
        Assert.Contains(spans, s => s.Span.Name == $"receive {Channels.Tasks}" && s.Span.ParentSpanId == "");
        var attempt = Assert.Single(spans, s => s.Span.Name == "task attempt").Span;
        Assert.Equal("code_generation", attempt.Attributes[EngineTelemetry.TaskType]);
        Assert.Equal("1", attempt.Attributes[EngineTelemetry.Attempt]);
        Assert.All(spans, s =>
        {
            Assert.Equal(serviceName, s.Resource["service.name"]);
            Assert.Equal("test", s.Resource["deployment.environment"]);
        });
    }

    [Fact]
    public async Task Exports_traces_to_the_signals_own_endpoint_as_given_when_only_it_is_set()
    {
        await using var receiver = await OtlpReceiver.Start();
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = new Uri(receiver.Endpoint, "/collector/traces").ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        await Platform.WaitForResult(taskId);
        await Eventually.Until(() => receiver.Requests.Any(r => r.Path == "/collector/traces" && OtlpRequests.Spans(r.Body).Any(s => s.Span.Attributes.GetValueOrDefault(EngineTelemetry.TaskId) == taskId)),
            "the task's spans at the signal's own endpoint");

        Assert.All(receiver.Requests, r => Assert.Equal("/collector/traces", r.Path));
    }

    [Fact]
    public async Task Sends_nothing_anywhere_when_no_otlp_endpoint_is_set()
    {
        // The SDK's defaults, were anything exported: localhost:4317 (gRPC) and localhost:4318 (HTTP), IPv4 and IPv6.
        // Every other variable is set, with intervals far shorter than a task's run, so an exporter that had been added
        // regardless would have connected by the time the result is in; the flush pushes whatever a push exporter holds.
        using var defaults = DefaultCollectorPorts.Listen();
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "50",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "50",
        });
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        var completed = await Platform.WaitForResult(taskId);
        engine.Services.GetRequiredService<MeterProvider>().ForceFlush(1_000); // false: the Prometheus reader only collects when scraped

        Assert.Equal("task_completed", completed.MessageType);
        Assert.Null(engine.Services.GetService<TracerProvider>());
        Assert.Equal(0, defaults.Connections());
    }

    private static IEnumerable<(IReadOnlyDictionary<string, string> Resource, OtlpRequests.Span Span)> TaskSpans(OtlpReceiver receiver, string taskId)
    {
        var all = receiver.Spans.ToList();
        var traces = all.Where(s => s.Span.Attributes.GetValueOrDefault(EngineTelemetry.TaskId) == taskId).Select(s => s.Span.TraceId).ToHashSet();
        return all.Where(s => traces.Contains(s.Span.TraceId));
    }

    /// <summary>Listeners on the OTLP default ports of loopback, counting whoever connects.</summary>
    private sealed class DefaultCollectorPorts : IDisposable
    {
        private readonly List<TcpListener> _listeners = [];

        public static DefaultCollectorPorts Listen()
        {
            var ports = new DefaultCollectorPorts();
            foreach (var port in new[] { 4317, 4318 })
            {
                ports.Add(new TcpListener(IPAddress.Loopback, port), required: true);
                ports.Add(new TcpListener(IPAddress.IPv6Loopback, port), required: false);
            }

            return ports;
        }

        public int Connections() => _listeners.Count(l => l.Pending());

        public void Dispose()
        {
            foreach (var listener in _listeners)
            {
                listener.Dispose();
            }
        }

        private void Add(TcpListener listener, bool required)
        {
            try
            {
                listener.Start();
                _listeners.Add(listener);
            }
            catch (SocketException) when (!required)
            {
                // No IPv6 loopback on this machine: nothing can be sent there either.
                listener.Dispose();
            }
        }
    }
}
