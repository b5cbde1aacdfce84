namespace Maas.Contracts.Wire;

/// <summary>The values of the envelope's <c>source</c>.</summary>
public static class MessageSources
{
    /// <summary>The MAAS platform (the Python service).</summary>
    public const string Platform = "maas_platform";

    /// <summary>This engine. On the bidirectional status channel, messages with this source are the engine's own echo.</summary>
    public const string Engine = "ai_engine";
}
