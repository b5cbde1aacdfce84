namespace Maas.Engine.AI;

/// <summary>
/// A provider call that failed, classified once by the provider's adapter, so the engine decides retries and error
/// types from <see cref="Kind"/> alone and never from an SDK's exception types or messages.
/// </summary>
public sealed class ProviderException : Exception
{
    public ProviderException()
    {
    }

    public ProviderException(string message)
        : base(message)
    {
    }

    public ProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProviderException(ProviderFailureKind kind, string provider, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Provider = provider;
    }

    public ProviderFailureKind Kind { get; init; }

    /// <summary>The provider's name as <c>AI_PROVIDER</c> spells it (<c>openai</c>, <c>ollama</c>, <c>anthropic</c>).</summary>
    public string Provider { get; init; } = "";

    /// <summary>The HTTP status the provider answered, if it answered.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The provider's <c>Retry-After</c>, when it gave one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The model that was asked for.</summary>
    public string? Model { get; init; }
}
