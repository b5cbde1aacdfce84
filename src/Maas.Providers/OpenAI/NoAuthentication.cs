using System.ClientModel.Primitives;

namespace Maas.Providers.OpenAI;

/// <summary>
/// For local OpenAI-compatible servers that ask for no key: the SDK insists on a credential, so its placeholder's
/// <c>Authorization</c> header is taken off again just before the request is sent.
/// </summary>
internal sealed class NoAuthentication : PipelinePolicy
{
    public const string Placeholder = "no-key";

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Request.Headers.Remove("Authorization");
        ProcessNext(message, pipeline, currentIndex);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Request.Headers.Remove("Authorization");
        await ProcessNextAsync(message, pipeline, currentIndex);
    }
}
