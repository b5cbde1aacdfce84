using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Maas.Tests.Infrastructure.Providers;

/// <summary>Anthropic's Messages API (<c>POST /v1/messages</c>), plain and streamed as server-sent events, with Anthropic's error bodies.</summary>
public sealed class AnthropicServer : ScriptedServer
{
    public required string ApiKey { get; init; }

    /// <summary>The <c>max_tokens</c> every request must carry.</summary>
    public int MaxTokens { get; init; } = 4096;

    public static async Task<AnthropicServer> Start(string model = "claude-sonnet-4-5", string apiKey = "sk-ant-test-secret", int maxTokens = 4096)
    {
        var server = new AnthropicServer { Model = model, ApiKey = apiKey, MaxTokens = maxTokens };
        await server.Listen();
        return server;
    }

    public Dictionary<string, string?> Settings() => new()
    {
        ["AI_PROVIDER"] = "anthropic",
        ["ANTHROPIC_BASE_URL"] = Address.ToString(),
        ["ANTHROPIC_API_KEY"] = ApiKey,
        ["ANTHROPIC_MODEL"] = Model,
        ["ANTHROPIC_MAX_TOKENS"] = MaxTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static ScriptedReply Unauthorized() => Error(401, "authentication_error", "invalid x-api-key");

    public static ScriptedReply RateLimited(TimeSpan retryAfter) =>
        Error(429, "rate_limit_error", "This request would exceed the rate limit for your organization.", retryAfter);

    public static ScriptedReply Overloaded() => Error(529, "overloaded_error", "Overloaded");

    public static ScriptedReply ModelNotFound(string model) => Error(404, "not_found_error", $"model: {model}");

    public static ScriptedReply ContextTooLong() => Error(400, "invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum");

    private static ScriptedReply.Failure Error(int status, string type, string message, TimeSpan? retryAfter = null) =>
        new(status, new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = message } }.ToJsonString(), retryAfter);

    protected override string ListingPath => "/v1/models";

    protected override JsonNode Listing() => new JsonObject
    {
        ["data"] = new JsonArray(new JsonObject { ["type"] = "model", ["id"] = Model, ["display_name"] = Model, ["created_at"] = "2026-11-30T12:00:00Z" }),
        ["has_more"] = false,
        ["first_id"] = Model,
        ["last_id"] = Model,
    };

    protected override IEnumerable<string> Check(RecordedRequest request)
    {
        if (request.Method != "POST" || request.Path != "/v1/messages")
        {
            yield return "expected POST /v1/messages";
        }

        // The API takes the key as x-api-key or as a bearer token; the SDK (13.x) sends the latter.
        if (request.Header("x-api-key") != ApiKey && request.Header("authorization") != $"Bearer {ApiKey}")
        {
            yield return "the key is missing or wrong (neither x-api-key nor a bearer token)";
        }

        if (string.IsNullOrEmpty(request.Header("anthropic-version")))
        {
            yield return "no anthropic-version header";
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

        if (body["max_tokens"]?.GetValue<int>() != MaxTokens)
        {
            yield return $"max_tokens must be {MaxTokens}, not {body["max_tokens"]}";
        }

        if (body["messages"] is not JsonArray { Count: > 0 })
        {
            yield return "no messages";
        }

        if (body["output_config"]?["format"] is { } format && format["schema"] is not JsonObject)
        {
            yield return "output_config.format without a schema";
        }
    }

    protected override async Task WriteAnswer(HttpContext context, RecordedRequest request, ScriptedReply.Answer answer)
    {
        var model = answer.Model ?? Model;
        if (!Streams(request))
        {
            await WriteJson(context, 200, new JsonObject
            {
                ["id"] = "msg_scripted",
                ["type"] = "message",
                ["role"] = "assistant",
                ["model"] = model,
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = answer.Text }),
                ["stop_reason"] = "end_turn",
                ["stop_sequence"] = null,
                ["usage"] = new JsonObject { ["input_tokens"] = answer.InputTokens, ["output_tokens"] = answer.OutputTokens },
            });
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        var half = answer.Text.Length / 2;
        await Event(context, "message_start", new JsonObject
        {
            ["type"] = "message_start",
            ["message"] = new JsonObject
            {
                ["id"] = "msg_scripted",
                ["type"] = "message",
                ["role"] = "assistant",
                ["model"] = model,
                ["content"] = new JsonArray(),
                ["stop_reason"] = null,
                ["stop_sequence"] = null,
                ["usage"] = new JsonObject { ["input_tokens"] = answer.InputTokens, ["output_tokens"] = 1 },
            },
        });
        await Event(context, "content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = 0, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" } });
        foreach (var part in new[] { answer.Text[..half], answer.Text[half..] })
        {
            await Event(context, "content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = part } });
        }

        await Event(context, "content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 });
        // As the real API does, the output count here is cumulative: the true total, not an increment.
        await Event(context, "message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = "end_turn", ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = answer.OutputTokens },
        });
        await Event(context, "message_stop", new JsonObject { ["type"] = "message_stop" });
    }

    private static async Task Event(HttpContext context, string name, JsonObject data)
    {
        await context.Response.WriteAsync($"event: {name}\ndata: {data.ToJsonString()}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
