using System.Text.Json.Nodes;

namespace Maas.Tests.Infrastructure.Providers;

/// <summary>One request as a scripted provider server received it.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, JsonObject? Body)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());
}
