using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maas.Tests.Infrastructure.Providers;

/// <summary>
/// A real HTTP server on loopback that speaks one provider's wire protocol, checks every request it receives and
/// answers from a script (then from <see cref="Fallback"/>). A request that breaks the protocol is answered with a 400
/// and listed in <see cref="Violations"/>, which a test asserts empty.
/// </summary>
public abstract class ScriptedServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ScriptedReply> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private WebApplication? _app;
    private int _listings;

    /// <summary>The model every request must name.</summary>
    public required string Model { get; init; }

    /// <summary>The answer once the script has run out.</summary>
    public ScriptedReply Fallback { get; set; } = new ScriptedReply.Answer("{}", 1, 1);

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<string> Violations => [.. _violations];

    /// <summary>While true, every connection is dropped before an answer, as by a server that has gone away.</summary>
    public bool Down { get; set; }

    /// <summary>Model listings asked for (the engine's health probe); not in <see cref="Requests"/>.</summary>
    public int Listings => Volatile.Read(ref _listings);

    /// <summary>The path of the protocol's free model listing (<c>GET</c>).</summary>
    protected abstract string ListingPath { get; }

    /// <summary>The listing's body in the protocol's format, naming <see cref="Model"/>.</summary>
    protected abstract JsonNode Listing();

    /// <summary>Answers the next requests with these replies, in order.</summary>
    public void Script(params ScriptedReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    protected async Task Listen()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(Handle);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Address = new Uri(address);
    }

    /// <summary>What is wrong with this request for this protocol, if anything.</summary>
    protected abstract IEnumerable<string> Check(RecordedRequest request);

    /// <summary>Writes a successful answer in the protocol's format, streamed when the request asked for a stream.</summary>
    protected abstract Task WriteAnswer(HttpContext context, RecordedRequest request, ScriptedReply.Answer answer);

    /// <summary>Writes a model's request for tool calls; only protocols that script them override this.</summary>
    protected virtual Task WriteToolCalls(HttpContext context, RecordedRequest request, ScriptedReply.ToolCalls calls) =>
        throw new NotSupportedException($"{GetType().Name} does not script tool calls");

    protected static bool Streams(RecordedRequest request) => request.Body?["stream"]?.GetValueKind() == JsonValueKind.True;

    protected static async Task WriteJson(HttpContext context, int status, JsonNode body)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private async Task Handle(HttpContext context)
    {
        if (Down)
        {
            context.Abort();
            return;
        }

        if (context.Request.Method == "GET" && context.Request.Path == ListingPath)
        {
            Interlocked.Increment(ref _listings);
            await WriteJson(context, 200, Listing());
            return;
        }

        var request = await Record(context.Request);
        _requests.Enqueue(request);
        var problems = Check(request).ToList();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                _violations.Enqueue($"{request.Method} {request.Path}: {problem}");
            }

            await WriteJson(context, 400, new JsonObject { ["error"] = new JsonObject { ["message"] = "scripted server: " + string.Join("; ", problems), ["type"] = "scripted_server_violation" } });
            return;
        }

        await Reply(context, request, _script.TryDequeue(out var next) ? next : Fallback);
    }

    private async Task Reply(HttpContext context, RecordedRequest request, ScriptedReply reply)
    {
        switch (reply)
        {
            case ScriptedReply.Slow slow:
                await Task.Delay(slow.Delay, context.RequestAborted);
                await Reply(context, request, slow.Then);
                break;
            case ScriptedReply.Failure failure:
                if (failure.RetryAfter is { } wait)
                {
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await WriteJson(context, failure.Status, JsonNode.Parse(failure.Body)!);
                break;
            case ScriptedReply.CutMidAnswer:
                context.Response.StatusCode = 200;
                context.Response.ContentType = Streams(request) ? "text/event-stream" : "application/json";
                await context.Response.WriteAsync(Streams(request) ? "data: {\"id\":\"cut\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"{\"}}]}\n\ndata: {\"id\"" : "{\"id\":\"cut", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                // The stream dies a moment after it started, as a provider's does, not before the client has its headers.
                await Task.Delay(TimeSpan.FromMilliseconds(200), context.RequestAborted);
                context.Abort();
                break;
            case ScriptedReply.Answer answer:
                await WriteAnswer(context, request, answer);
                break;
            case ScriptedReply.ToolCalls calls:
                await WriteToolCalls(context, request, calls);
                break;
            default:
                throw new InvalidOperationException($"Unknown reply {reply}");
        }
    }

    private static async Task<RecordedRequest> Record(HttpRequest request)
    {
        var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        JsonObject? body = null;
        try
        {
            body = text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null;
        }
        catch (JsonException)
        {
            // Recorded without a body; the protocol's check reports it.
        }

        return new RecordedRequest(request.Method, request.Path.Value ?? "", headers, body);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
