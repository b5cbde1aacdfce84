using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Maas.Tests.Infrastructure.Telemetry;

/// <summary>
/// A real OTLP/HTTP receiver on loopback, as a collector would be: <c>POST /v1/traces</c> and <c>POST /v1/metrics</c>
/// (or any path a signal's own endpoint names) with protobuf bodies, answered 200 with an empty (valid) protobuf
/// response. Every request is kept, with its path, for the test to read with <see cref="OtlpRequests"/>.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _requests = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public sealed record Received(string Path, string? ContentType, byte[] Body);

    /// <summary>The base endpoint, as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names it (no signal path).</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<Received> Requests => [.. _requests];

    public IEnumerable<(IReadOnlyDictionary<string, string> Resource, OtlpRequests.Span Span)> Spans =>
        Requests.Where(r => r.Path == "/v1/traces").SelectMany(r => OtlpRequests.Spans(r.Body));

    public IEnumerable<string> MetricNames => Requests.Where(r => r.Path == "/v1/metrics").SelectMany(r => OtlpRequests.MetricNames(r.Body));

    public static async Task<OtlpReceiver> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.Run(receiver.Accept);
        await app.StartAsync();
        receiver.Endpoint = new Uri(app.Urls.First());
        return receiver;
    }

    private async Task Accept(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        _requests.Enqueue(new Received(http.Request.Path, http.Request.ContentType, body.ToArray()));
        if (http.Request.Method != "POST")
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        http.Response.ContentType = "application/x-protobuf";
        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
