using System.Net;
using System.Net.Sockets;

namespace Maas.Bench.Engine;

/// <summary>
/// A minimal local OTLP/HTTP collector for <c>--otlp true</c> (<c>bash bench/run.sh --otlp</c>): it accepts
/// <c>POST /v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c>, reads each protobuf body whole, counts it and
/// answers 200 with an empty (valid) response, as a collector that drops everything would. It runs inside the bench
/// process, so its CPU is the bench's in the report's split, not "other load". While it runs, every engine the
/// bench starts exports traces and metrics to it through the standard OTEL_* variables.
/// </summary>
public sealed class OtlpSink : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _serving;
    private long _traceRequests, _metricRequests, _otherRequests, _bytes;

    private OtlpSink(HttpListener listener, Uri endpoint)
    {
        _listener = listener;
        Endpoint = endpoint;
        _serving = Serve();
    }

    /// <summary>The sink engines export to while it runs; null without <c>--otlp</c>.</summary>
    public static OtlpSink? Running { get; private set; }

    /// <summary>The base endpoint, as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names it.</summary>
    public Uri Endpoint { get; }

    /// <summary>The variables an engine needs to export everything here over HTTP/protobuf.</summary>
    public IReadOnlyDictionary<string, string> EngineEnvironment => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_SERVICE_NAME"] = "maas-ai-engine-bench",
    };

    public string Summary =>
        $"OTLP sink at {Endpoint}: {Interlocked.Read(ref _traceRequests):N0} trace and {Interlocked.Read(ref _metricRequests):N0} metric exports " +
        $"({Interlocked.Read(ref _otherRequests):N0} other), {Interlocked.Read(ref _bytes) / 1024.0 / 1024.0:N1} MiB";

    public static OtlpSink Start()
    {
        var port = FreePort();
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        Running = new OtlpSink(listener, new Uri($"http://127.0.0.1:{port}/"));
        return Running;
    }

    public async ValueTask DisposeAsync()
    {
        Running = null;
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // Stopped while waiting for a request.
        }
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Answer(context);
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        try
        {
            var path = context.Request.Url?.AbsolutePath;
            var counter = path switch
            {
                "/v1/traces" => 0,
                "/v1/metrics" => 1,
                _ => 2,
            };
            Interlocked.Increment(ref counter == 0 ? ref _traceRequests : ref counter == 1 ? ref _metricRequests : ref _otherRequests);
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.InputStream.ReadAsync(buffer)) > 0)
            {
                Interlocked.Add(ref _bytes, read);
            }

            context.Response.StatusCode = context.Request.HttpMethod == "POST" && counter < 2 || path == "/v1/logs" ? 200 : 404;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.ContentLength64 = 0;
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // An exporter that gave up on a request; nothing to answer.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
