namespace Maas.Providers;

/// <summary>The values of <c>AI_PROVIDER</c>, as the engine and its logs spell them.</summary>
public static class ProviderNames
{
    public const string Offline = "offline";
    public const string OpenAI = "openai";
    public const string Ollama = "ollama";
    public const string Anthropic = "anthropic";

    public static IReadOnlyList<string> All { get; } = [Offline, OpenAI, Ollama, Anthropic];
}
