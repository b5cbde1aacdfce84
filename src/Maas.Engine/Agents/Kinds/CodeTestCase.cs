namespace Maas.Engine.Agents.Kinds;

/// <summary>One check of generated code: what goes in and what should come out.</summary>
public sealed record CodeTestCase(string Input, string ExpectedOutput);
