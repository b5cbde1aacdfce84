using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Maas.Tests.Infrastructure.Providers;

/// <summary>
/// OpenAI chat completions (<c>POST /v1/chat/completions</c>), plain and streamed as server-sent events, with
/// OpenAI's error bodies. Point the engine at <see cref="BaseUrl"/>.
/// </summary>
public sealed class OpenAIServer : ScriptedServer
{
    /// <summary>The bearer token every request must carry; null: the server asks for none (a local server).</summary>
    public string? ApiKey { get; init; }

    /// <summary>OPENAI_BASE_URL for this server.</summary>
    public string BaseUrl => new Uri(Address, "/v1").ToString();

    public static async Task<OpenAIServer> Start(string model = "gpt-4o-mini", string? apiKey = "sk-test-secret-key")
    {
        var server = new OpenAIServer { Model = model, ApiKey = apiKey };
        await server.Listen();
        return server;
    }

    /// <summary>The settings that point the engine at this server.</summary>
    public Dictionary<string, string?> Settings(string structuredOutput = "json_schema") => new()
    {
        ["AI_PROVIDER"] = "openai",
        ["OPENAI_BASE_URL"] = BaseUrl,
        ["OPENAI_API_KEY"] = ApiKey,
        ["OPENAI_MODEL"] = Model,
        ["OPENAI_STRUCTURED_OUTPUT"] = structuredOutput,
    };

    public static ScriptedReply Unauthorized() =>
        Error(401, "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key");

    public static ScriptedReply RateLimited(TimeSpan retryAfter) =>
        Error(429, "Rate limit reached for requests. Please try again later.", "requests", null, "rate_limit_exceeded", retryAfter);

    public static ScriptedReply ServerError(int status = 500) =>
        Error(status, "The server had an error while processing your request. Sorry about that!", "server_error", null, null);

    public static ScriptedReply ModelNotFound(string model) =>
        Error(404, $"The model `{model}` does not exist or you do not have access to it.", "invalid_request_error", null, "model_not_found");

    public static ScriptedReply ContextTooLong() =>
        Error(400, "This model's maximum context length is 128000 tokens. However, your messages resulted in 200000 tokens.", "invalid_request_error", "messages", "context_length_exceeded");

    /// <summary>What OpenAI answers to <c>json_schema</c> for a model without structured outputs (and vLLM-style servers say much the same).</summary>
    public static ScriptedReply JsonSchemaRejected() =>
        Error(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", "invalid_request_error", "response_format", null);

    private static ScriptedReply.Failure Error(int status, string message, string type, string? param, string? code, TimeSpan? retryAfter = null) =>
        new(status, new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = param, ["code"] = code } }.ToJsonString(), retryAfter);

    protected override string ListingPath => "/v1/models";

    protected override JsonNode Listing() => new JsonObject
    {
        ["object"] = "list",
        ["data"] = new JsonArray(new JsonObject { ["id"] = Model, ["object"] = "model", ["created"] = 1_764_000_000, ["owned_by"] = "scripted" }),
    };

    protected override IEnumerable<string> Check(RecordedRequest request)
    {
        if (request.Method != "POST" || request.Path != "/v1/chat/completions")
        {
            yield return "expected POST /v1/chat/completions";
        }

        var authorization = request.Header("Authorization");
        if (ApiKey is not null && authorization != $"Bearer {ApiKey}")
        {
            yield return authorization is null ? "no Authorization header" : "wrong bearer token";
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

        foreach (var problem in CheckTools(body))
        {
            yield return problem;
        }

        if (body["response_format"] is JsonObject format)
        {
            var type = format["type"]?.GetValue<string>();
            if (type is not ("json_schema" or "json_object" or "text"))
            {
                yield return $"unknown response_format type {type}";
            }
            else if (type == "json_schema" && format["json_schema"]?["schema"] is not JsonObject)
            {
                yield return "response_format json_schema without a schema";
            }
        }
    }

    /// <summary>The names of the tools a request offered the model.</summary>
    public static IReadOnlyList<string> OfferedTools(RecordedRequest request) =>
        [.. (request.Body?["tools"] as JsonArray ?? []).Select(t => (string?)t?["function"]?["name"] ?? "")];

    /// <summary>The tool results a request sent back, in order: the call each answers and its content.</summary>
    public static IReadOnlyList<(string CallId, string Content)> ToolResults(RecordedRequest request) =>
        [.. (request.Body?["messages"] as JsonArray ?? []).Where(m => (string?)m?["role"] == "tool").Select(m => ((string?)m!["tool_call_id"] ?? "", Text(m["content"])))];

    private static string Text(JsonNode? content) => content switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => (string?)p?["text"])),
        _ => content?.ToJsonString() ?? "",
    };

    // Every tool call the model asked for must be answered by a tool message with its id, and every tool message must
    // answer one: what OpenAI itself checks.
    private static IEnumerable<string> CheckTools(JsonObject body)
    {
        foreach (var tool in body["tools"] as JsonArray ?? [])
        {
            if ((string?)tool?["type"] != "function" || tool["function"]?["name"] is null || tool["function"]?["parameters"] is not JsonObject)
            {
                yield return $"a tool is not a function with a name and parameters: {tool?.ToJsonString()}";
            }
        }

        var asked = new HashSet<string>();
        foreach (var message in body["messages"] as JsonArray ?? [])
        {
            foreach (var call in message?["tool_calls"] as JsonArray ?? [])
            {
                asked.Add((string?)call?["id"] ?? "");
            }

            if ((string?)message?["role"] == "tool" && !asked.Remove((string?)message["tool_call_id"] ?? ""))
            {
                yield return $"a tool message answers no tool call: {message.ToJsonString()}";
            }
        }

        if (asked.Count > 0 && body["messages"] is JsonArray { Count: > 0 } all && all[^1]?["tool_calls"] is null)
        {
            yield return $"tool calls without results: {string.Join(", ", asked)}";
        }
    }

    protected override async Task WriteToolCalls(HttpContext context, RecordedRequest request, ScriptedReply.ToolCalls calls)
    {
        if (Streams(request))
        {
            throw new NotSupportedException("scripted tool calls are answered to non-streamed requests only");
        }

        await WriteJson(context, 200, new JsonObject
        {
            ["id"] = "chatcmpl-scripted-tools",
            ["object"] = "chat.completion",
            ["created"] = 1_764_000_000,
            ["model"] = Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = calls.Text,
                    ["tool_calls"] = new JsonArray([.. calls.Calls.Select(c => (JsonNode)new JsonObject
                    {
                        ["id"] = $"call_{Guid.NewGuid():N}"[..20],
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments.ToJsonString() },
                    })]),
                },
                ["finish_reason"] = "tool_calls",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = calls.InputTokens,
                ["completion_tokens"] = calls.OutputTokens,
                ["total_tokens"] = calls.InputTokens + calls.OutputTokens,
            },
        });
    }

    protected override async Task WriteAnswer(HttpContext context, RecordedRequest request, ScriptedReply.Answer answer)
    {
        var model = answer.Model ?? Model;
        var usage = new JsonObject
        {
            ["prompt_tokens"] = answer.InputTokens,
            ["completion_tokens"] = answer.OutputTokens,
            ["total_tokens"] = answer.InputTokens + answer.OutputTokens,
        };
        if (!Streams(request))
        {
            await WriteJson(context, 200, new JsonObject
            {
                ["id"] = "chatcmpl-scripted",
                ["object"] = "chat.completion",
                ["created"] = 1_764_000_000,
                ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = answer.Text },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = usage,
            });
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        var half = answer.Text.Length / 2;
        await Event(context, Chunk(model, new JsonObject { ["role"] = "assistant", ["content"] = answer.Text[..half] }, null));
        await Event(context, Chunk(model, new JsonObject { ["content"] = answer.Text[half..] }, null));
        await Event(context, Chunk(model, [], "stop"));
        if (request.Body?["stream_options"]?["include_usage"]?.GetValueKind() == JsonValueKind.True)
        {
            var last = Chunk(model, null, null);
            last["choices"] = new JsonArray();
            last["usage"] = usage;
            await Event(context, last);
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }

    private static JsonObject Chunk(string model, JsonObject? delta, string? finishReason) => new()
    {
        ["id"] = "chatcmpl-scripted",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_764_000_000,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta ?? [], ["finish_reason"] = finishReason }),
    };

    private static async Task Event(HttpContext context, JsonObject data)
    {
        await context.Response.WriteAsync($"data: {data.ToJsonString()}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
