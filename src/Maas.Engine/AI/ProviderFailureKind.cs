namespace Maas.Engine.AI;

/// <summary>What went wrong when a model provider was called, as far as the engine needs to know to decide what happens next.</summary>
public enum ProviderFailureKind
{
    /// <summary>The provider refused the credentials (401, 403).</summary>
    Authentication,

    /// <summary>Rate limited (429) after the transport's own retries; <see cref="ProviderException.RetryAfter"/> says when to try again.</summary>
    RateLimited,

    /// <summary>5xx, connection failure after the transport's retries, or the provider's circuit is open.</summary>
    Unavailable,

    /// <summary>The configured model does not exist there (404).</summary>
    ModelNotFound,

    /// <summary>The request was refused as too long or invalid (400, 422): sending it again will not help.</summary>
    InputRejected,

    /// <summary>The server does not accept the structured-output form asked for (e.g. <c>json_schema</c>); a simpler form may work.</summary>
    StructuredOutputRejected,
}
