namespace Maas.Engine.Tasks;

/// <summary>Task counts across every engine instance, for <c>GET /stats</c>.</summary>
public sealed record TaskTotals(long Completed, long Failed, long InProgress, double AverageSeconds);
