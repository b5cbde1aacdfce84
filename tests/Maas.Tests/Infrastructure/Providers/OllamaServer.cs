using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Maas.Tests.Infrastructure.Providers;

/// <summary>Ollama's native chat (<c>POST /api/chat</c>), one JSON object or newline-delimited chunks, with Ollama's error bodies.</summary>
public sealed class OllamaServer : ScriptedServer
{
    public static async Task<OllamaServer> Start(string model = "llama3.2")
    {
        var server = new OllamaServer { Model = model };
        await server.Listen();
        return server;
    }

    public Dictionary<string, string?> Settings() => new()
    {
        ["AI_PROVIDER"] = "ollama",
        ["OLLAMA_URL"] = Address.ToString(),
        ["OLLAMA_MODEL"] = Model,
    };

    public static ScriptedReply ModelNotFound(string model) => Error(404, $"model \"{model}\" not found, try pulling it first");

    public static ScriptedReply ServerError() => Error(500, "llama runner process has terminated: signal: killed");

    public static ScriptedReply Unauthorized() => Error(401, "unauthorized");

    public static ScriptedReply RateLimited(TimeSpan retryAfter) => Error(429, "too many requests", retryAfter);

    public static ScriptedReply ContextTooLong() => Error(400, "input length exceeds the context length");

    private static ScriptedReply.Failure Error(int status, string message, TimeSpan? retryAfter = null) =>
        new(status, new JsonObject { ["error"] = message }.ToJsonString(), retryAfter);

    protected override string ListingPath => "/api/tags";

    protected override JsonNode Listing() => new JsonObject
    {
        ["models"] = new JsonArray(new JsonObject { ["name"] = Model, ["model"] = Model, ["modified_at"] = "2026-11-30T12:00:00Z", ["size"] = 1 }),
    };

    protected override IEnumerable<string> Check(RecordedRequest request)
    {
        if (request.Method != "POST" || request.Path != "/api/chat")
        {
            yield return "expected POST /api/chat";
        }

        if (request.Body is not { } body)
        {
            yield return "the body is not a JSON object";
            yield break;
        }

        if (body["model"]?.GetValue<string>() != Model)
        {
            yield return $"model must be {Model}, not {body["model"]}";
        }

        if (body["messages"] is not JsonArray { Count: > 0 })
        {
            yield return "no messages";
        }

        if (body["format"] is { } format && !(format is JsonObject || (format.GetValueKind() == JsonValueKind.String && format.GetValue<string>() == "json")))
        {
            yield return "format must be \"json\" or a JSON schema";
        }
    }

    protected override async Task WriteAnswer(HttpContext context, RecordedRequest request, ScriptedReply.Answer answer)
    {
        var model = answer.Model ?? Model;
        var done = new JsonObject
        {
            ["model"] = model,
            ["created_at"] = "2026-11-30T12:00:00.000000Z",
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = Streams(request) ? "" : answer.Text },
            ["done_reason"] = "stop",
            ["done"] = true,
            ["total_duration"] = 1_000_000,
            ["load_duration"] = 1_000,
            ["prompt_eval_count"] = answer.InputTokens,
            ["prompt_eval_duration"] = 1_000,
            ["eval_count"] = answer.OutputTokens,
            ["eval_duration"] = 1_000,
        };
        if (!Streams(request))
        {
            await WriteJson(context, 200, done);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/x-ndjson";
        var half = answer.Text.Length / 2;
        foreach (var part in new[] { answer.Text[..half], answer.Text[half..] })
        {
            var chunk = new JsonObject
            {
                ["model"] = model,
                ["created_at"] = "2026-11-30T12:00:00.000000Z",
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = part },
                ["done"] = false,
            };
            await context.Response.WriteAsync(chunk.ToJsonString() + "\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        await context.Response.WriteAsync(done.ToJsonString() + "\n", context.RequestAborted);
    }
}
