using Maas.Contracts.Diagnostics;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Maas.Engine.Api;

/// <summary>
/// OpenTelemetry for the host, configured by the standard variables only. Metrics are always collected (the
/// Prometheus scrape at <c>GET /metrics</c> reads them); OTLP export of a signal is on only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or the signal's own endpoint variable is set, and the SDK reads the endpoint,
/// the protocol (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>: <c>grpc</c> or <c>http/protobuf</c>) and headers itself, so no
/// address is written in code and the SDK appends <c>/v1/traces</c> and <c>/v1/metrics</c> to a base endpoint.
/// Traces are collected only when exported: with no tracer provider nobody listens to the engine's source, and
/// starting a span costs one check.
/// </summary>
internal static class TelemetryHosting
{
    private const string Endpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string TracesEndpoint = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    private const string MetricsEndpoint = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT";

    /// <summary>The route of the Prometheus scrape.</summary>
    public const string MetricsRoute = "/metrics";

    public static WebApplicationBuilder AddEngineTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var exportTraces = IsSet(configuration, Endpoint) || IsSet(configuration, TracesEndpoint);
        var exportMetrics = IsSet(configuration, Endpoint) || IsSet(configuration, MetricsEndpoint);

        var telemetry = builder.Services.AddOpenTelemetry()
            // The default name first; OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME, read after it, win.
            .ConfigureResource(resource => resource
                .AddService(EngineTelemetry.DefaultServiceName, serviceVersion: typeof(TelemetryHosting).Assembly.GetName().Version?.ToString())
                .AddEnvironmentVariableDetector())
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(EngineTelemetry.Name)
                    .AddRuntimeInstrumentation()
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddPrometheusExporter();
                if (exportMetrics)
                {
                    metrics.AddOtlpExporter(otlp => SignalEndpoint(configuration, MetricsEndpoint, otlp));
                }
            });

        // What a tracer provider listens to, whoever builds one (OTLP below, or a test's in-memory exporter). MassTransit's
        // own source is left out: its mediator spans (one or two for each of the 8 dispatches of a task) doubled the spans
        // a task exports and cost the bench a fifth of its rate with OTLP on, and without a listener MassTransit makes
        // none, so the engine's saga spans hang from its own receive and attempt spans (a test holds the tree whole).
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(EngineTelemetry.Name, EngineTelemetry.AiSourceName)
            .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(MetricsRoute, StringComparison.Ordinal))
            .AddHttpClientInstrumentation());
        if (exportTraces)
        {
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter(otlp => SignalEndpoint(configuration, TracesEndpoint, otlp)));
        }

        return builder;
    }

    /// <summary>
    /// The Prometheus scrape (open, like <c>/health</c>; the API key's rules decide otherwise). Prometheus's text format,
    /// not a JSON resource: left out of the OpenAPI document.
    /// </summary>
    public static IEndpointConventionBuilder MapMetricsEndpoint(this WebApplication app) =>
        app.MapPrometheusScrapingEndpoint(MetricsRoute).ExcludeFromDescription();

    // The SDK reads OTEL_EXPORTER_OTLP_ENDPOINT (and appends the signal's path) for AddOtlpExporter, but the signal's own
    // variable only for UseOtlpExporter, which would export every signal to the default address once any one is named.
    // The signal's variable is a full URL, used as given (the SDK appends nothing to an endpoint set on its options).
    private static void SignalEndpoint(ConfigurationManager configuration, string variable, OtlpExporterOptions otlp)
    {
        if (Uri.TryCreate(configuration[variable], UriKind.Absolute, out var endpoint))
        {
            otlp.Endpoint = endpoint;
        }
    }

    private static bool IsSet(ConfigurationManager configuration, string name) => !string.IsNullOrWhiteSpace(configuration[name]);
}
