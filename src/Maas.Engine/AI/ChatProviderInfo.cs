namespace Maas.Engine.AI;

/// <summary>The provider behind the engine's chat client: its name, its configured model and how it takes structured output.</summary>
/// <param name="Name">As <c>AI_PROVIDER</c> spells it: <c>offline</c>, <c>openai</c>, <c>ollama</c>, <c>anthropic</c>.</param>
/// <param name="Model">The configured model id.</param>
/// <param name="StructuredOutput">The first structured-output form to try.</param>
public sealed record ChatProviderInfo(string Name, string Model, StructuredOutputMode StructuredOutput)
{
    /// <summary>The engine's own deterministic client, the default when no provider is configured.</summary>
    public static ChatProviderInfo Offline { get; } = new("offline", "offline", StructuredOutputMode.JsonSchema);
}
