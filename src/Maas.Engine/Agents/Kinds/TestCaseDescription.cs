namespace Maas.Engine.Agents.Kinds;

/// <summary>One test of a <c>testing</c> answer: its name and what it checks.</summary>
public sealed record TestCaseDescription(string Name, string Description);
