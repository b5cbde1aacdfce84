namespace Maas.Bench.Measure;

/// <summary>What PostgreSQL did per task in a run, from the difference of two <see cref="PgCounters"/>.</summary>
public sealed record SqlPerTask(double Commits, double Rollbacks, double Inserted, double Updated, double Fetched, double IndexScans, double HotUpdates);
