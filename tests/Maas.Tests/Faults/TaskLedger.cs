using Maas.Tests.Infrastructure;

namespace Maas.Tests.Faults;

/// <summary>
/// The valid tasks a scenario sent, with the attempts each was meant to take; at the end, reconciles them with what the
/// platform heard on the wire and what the saga rows say, and turns the differences into figures.
/// </summary>
internal sealed class TaskLedger
{
    private readonly Dictionary<string, int> _planned = new(StringComparer.Ordinal);

    public int Count => _planned.Count;

    public IReadOnlyCollection<string> TaskIds => _planned.Keys;

    public void Add(string taskId, int plannedAttempts = 1) => _planned.Add(taskId, plannedAttempts);

    /// <summary>
    /// Waits until every task is final with its result marked published, or the time is up
    /// (then the figures say what is missing); then until the wire has been quiet long enough for a late duplicate (a
    /// redelivery sweep runs every 0.5 s and republishes after 2 s) to have shown itself.
    /// </summary>
    public async Task Settle(WirePlatform platform, string connectionString, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(platform);
        try
        {
            // The rows, not the wire: a result published while the suite's subscriber was reconnecting is never heard.
            await Eventually.Until(async () =>
            {
                var rows = await SagaRows.Read(connectionString, TaskIds);
                return TaskIds.All(id => rows.TryGetValue(id, out var row) && row.Delivered);
            }, $"all {Count} tasks final with their results published", timeout);
        }
        catch (TimeoutException)
        {
            // Counted as lost below, with the tasks named.
        }

        var quiet = TimeSpan.FromSeconds(4);
        try
        {
            await Eventually.Until(() => DateTime.UtcNow - platform.LastMessageAt > quiet, "the wire to go quiet", TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            // Still chattering (a redelivery loop): the doubled figure shows it.
        }
    }

    public async Task<Reckoning> Reckon(WirePlatform platform, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var rows = await SagaRows.Read(connectionString, TaskIds);
        var reckoning = new Reckoning();
        foreach (var (id, planned) in _planned)
        {
            var wire = platform.For(id);
            rows.TryGetValue(id, out var row);
            var finals = wire.Finals.ToArray();
            var what = $"{id}: wire [{string.Join(", ", finals.Select(f => f.ToString()))}], {wire.Starts} start(s); row {row?.ToString() ?? "missing"}";
            if (row is not { Delivered: true })
            {
                reckoning.Lost.Add(what);
            }

            if (finals.Length == 0)
            {
                reckoning.NotHeard.Add(what);
            }

            if (finals.Length > 1)
            {
                reckoning.Doubled.Add(what);
                if (finals.All(f => f.MessageId is not null && f.MessageId == finals[0].MessageId))
                {
                    reckoning.DoubledWithOneMessageId++;
                }
            }

            if (finals.Any(f => f.Failed) || row?.State == "Failed")
            {
                reckoning.Harmed.Add(what);
            }

            if (Math.Max(wire.Starts, row?.Attempt ?? 0) > planned)
            {
                reckoning.ReExecuted.Add(what);
            }
        }

        return reckoning;
    }
}
