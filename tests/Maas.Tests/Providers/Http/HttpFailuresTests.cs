using Maas.Engine.AI;
using Maas.Providers.Http;

namespace Maas.Tests.Providers.Http;

public sealed class HttpFailuresTests
{
    [Theory]
    [InlineData(401, "", ProviderFailureKind.Authentication)]
    [InlineData(403, "", ProviderFailureKind.Authentication)]
    [InlineData(429, "", ProviderFailureKind.RateLimited)]
    [InlineData(404, """{"error":"model \"llama9\" not found, try pulling it first"}""", ProviderFailureKind.ModelNotFound)]
    [InlineData(400, """{"error":{"message":"maximum context length is 128000 tokens","param":"messages"}}""", ProviderFailureKind.InputRejected)]
    [InlineData(422, """{"detail":"bad"}""", ProviderFailureKind.InputRejected)]
    [InlineData(413, "", ProviderFailureKind.InputRejected)]
    [InlineData(400, """{"error":{"message":"Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.","param":"response_format"}}""", ProviderFailureKind.StructuredOutputRejected)]
    [InlineData(400, """{"error":{"message":"\"json_schema\" is not supported"}}""", ProviderFailureKind.StructuredOutputRejected)]
    [InlineData(400, """{"type":"error","error":{"type":"invalid_request_error","message":"output_config.format: not supported"}}""", ProviderFailureKind.StructuredOutputRejected)]
    [InlineData(408, "", ProviderFailureKind.Unavailable)]
    [InlineData(500, "", ProviderFailureKind.Unavailable)]
    [InlineData(502, "", ProviderFailureKind.Unavailable)]
    [InlineData(503, "", ProviderFailureKind.Unavailable)]
    [InlineData(529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", ProviderFailureKind.Unavailable)]
    public void Classifies_a_refusal_by_its_status(int status, string body, ProviderFailureKind kind)
    {
        Assert.Equal(kind, HttpFailures.Classify(status, body));
    }

    [Fact]
    public void Keeps_the_status_the_delay_and_the_model()
    {
        var failure = HttpFailures.FromResponse("anthropic", "claude-sonnet-4-5", 429, TimeSpan.FromSeconds(12), "{}");

        Assert.Equal((ProviderFailureKind.RateLimited, 429, TimeSpan.FromSeconds(12), "claude-sonnet-4-5", "anthropic"),
            (failure.Kind, failure.StatusCode, failure.RetryAfter, failure.Model, failure.Provider));
    }
}
