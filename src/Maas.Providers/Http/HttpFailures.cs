using System.Net;
using Maas.Engine.AI;

namespace Maas.Providers.Http;

/// <summary>
/// What a provider's refusal means for the engine, decided once from the HTTP status (and, for a 400, whether the
/// server is refusing the structured-output form), whatever SDK made the call.
/// </summary>
public static class HttpFailures
{
    // Words the OpenAI-compatible servers (OpenAI, vLLM, llama.cpp, LM Studio) and Anthropic use when they refuse the
    // structured-output part of a request rather than the request itself.
    private static readonly string[] StructuredOutputWords = ["response_format", "json_schema", "output_config", "output_format"];

    public static ProviderFailureKind Classify(int statusCode, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return statusCode switch
        {
            (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden => ProviderFailureKind.Authentication,
            (int)HttpStatusCode.TooManyRequests => ProviderFailureKind.RateLimited,
            (int)HttpStatusCode.NotFound => ProviderFailureKind.ModelNotFound,
            (int)HttpStatusCode.BadRequest or (int)HttpStatusCode.UnprocessableEntity
                when StructuredOutputWords.Any(w => body.Contains(w, StringComparison.OrdinalIgnoreCase)) => ProviderFailureKind.StructuredOutputRejected,
            (int)HttpStatusCode.RequestTimeout => ProviderFailureKind.Unavailable,
            >= 400 and < 500 => ProviderFailureKind.InputRejected,
            _ => ProviderFailureKind.Unavailable,
        };
    }

    public static ProviderException FromResponse(string provider, string? model, int statusCode, TimeSpan? retryAfter, string body, Exception? cause = null)
    {
        var kind = Classify(statusCode, body);
        var what = kind switch
        {
            ProviderFailureKind.Authentication => "refused the credentials",
            ProviderFailureKind.RateLimited => "is rate limiting",
            ProviderFailureKind.ModelNotFound => $"has no model '{model}'",
            ProviderFailureKind.StructuredOutputRejected => "rejected the structured-output format",
            ProviderFailureKind.InputRejected => "rejected the request",
            _ => "is unavailable",
        };
        var message = body.Length == 0 ? $"{provider} {what} (HTTP {statusCode})" : $"{provider} {what} (HTTP {statusCode}): {body}";
        return new ProviderException(kind, provider, message, cause)
        {
            StatusCode = statusCode,
            RetryAfter = retryAfter,
            Model = model,
        };
    }

    public static ProviderException Unreachable(string provider, string? model, Exception exception, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new ProviderException(ProviderFailureKind.Unavailable, provider, $"{provider} is unreachable: {exception.Message}", exception)
        {
            RetryAfter = retryAfter,
            Model = model,
        };
    }
}
