using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Maas.Tests.Infrastructure;

namespace Maas.Tests.Api.Security;

/// <summary>EXECUTE_RATE_LIMIT_PER_MINUTE and MAX_REQUEST_BODY_BYTES on an engine served by Kestrel, whose limits they are.</summary>
public sealed class RequestLimitsTests : WireTest
{
    private const string FirstKey = "first-key-0123456789abcdef";
    private const string SecondKey = "second-key-0123456789abcdef";
    private const string Execute = "/agents/code_generator_offline/execute";

    [Fact]
    public async Task Execute_answers_429_with_retry_after_past_the_limit_and_counts_each_key_apart()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>
        {
            ["AI_ENGINE_API_KEY"] = $"{FirstKey},{SecondKey}",
            ["EXECUTE_RATE_LIMIT_PER_MINUTE"] = "2",
        }, kestrel: true);
        using var client = engine.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ExecuteRequest(FirstKey))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ExecuteRequest(FirstKey))).StatusCode);
        using var refused = await client.SendAsync(ExecuteRequest(FirstKey));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(429, (int)problem!["status"]!);
        Assert.Contains("EXECUTE_RATE_LIMIT_PER_MINUTE", (string?)problem["detail"], StringComparison.Ordinal);

        // The other key has its own count; the limit is on execution only.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ExecuteRequest(SecondKey))).StatusCode);
        var agents = new HttpRequestMessage(HttpMethod.Get, "/agents");
        agents.Headers.Add("X-API-Key", FirstKey);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(agents)).StatusCode);
    }

    [Fact]
    public async Task Without_a_key_execute_is_limited_per_client_address_and_a_sent_key_buys_no_fresh_count()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>
        {
            ["EXECUTE_RATE_LIMIT_PER_MINUTE"] = "1",
        }, kestrel: true);
        using var client = engine.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ExecuteRequest(null))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(ExecuteRequest(null))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(ExecuteRequest("made-up-key-0123456789"))).StatusCode);
    }

    [Fact]
    public async Task A_limit_of_zero_turns_the_rate_limit_off()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>
        {
            ["EXECUTE_RATE_LIMIT_PER_MINUTE"] = "0",
        }, kestrel: true);
        using var client = engine.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ExecuteRequest(null))).StatusCode);
        }
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_with_a_problem_body_whether_declared_or_chunked()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>
        {
            ["MAX_REQUEST_BODY_BYTES"] = "4096",
        }, kestrel: true);
        using var client = engine.CreateClient();
        var big = new JsonObject
        {
            ["task_type"] = "code_generation",
            ["input_data"] = new JsonObject { ["description"] = new string('a', 8000), ["language"] = "python" },
        }.ToJsonString();

        using var declared = await client.PostAsync(Execute, new StringContent(big, Encoding.UTF8, "application/json"));
        await AssertTooLarge(declared);

        using var chunked = await client.PostAsync(Execute, new ChunkedContent(big));
        await AssertTooLarge(chunked);

        // Under the limit the same route still works.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ExecuteRequest(null))).StatusCode);
    }

    private static HttpRequestMessage ExecuteRequest(string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Execute)
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["task_type"] = "code_generation",
                ["input_data"] = new JsonObject { ["description"] = "Create a REST API endpoint", ["language"] = "python" },
            }),
        };
        if (key is not null)
        {
            request.Headers.Add("X-API-Key", key);
        }

        return request;
    }

    private static async Task AssertTooLarge(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(413, (int)problem!["status"]!);
        Assert.Contains("4096", (string?)problem["detail"], StringComparison.Ordinal);
    }

    /// <summary>A body sent without Content-Length, so only counting what arrives can find it too large.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(string text)
        {
            _bytes = Encoding.UTF8.GetBytes(text);
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < _bytes.Length; offset += 1000)
            {
                await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(1000, _bytes.Length - offset)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
