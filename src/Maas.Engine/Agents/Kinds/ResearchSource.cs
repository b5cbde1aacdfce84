namespace Maas.Engine.Agents.Kinds;

/// <summary>A source of a research finding; a model without browsing may know a title but no address.</summary>
public sealed record ResearchSource(string Title, string? Url, string? Citation);
