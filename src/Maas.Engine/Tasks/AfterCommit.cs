using Maas.Contracts.Diagnostics;
using MassTransit;
using MassTransit.Middleware.InMemoryOutbox;

namespace Maas.Engine.Tasks;

/// <summary>
/// Runs a saga step's side effect (a log line) only once the transition's row is committed, with the in-memory outbox's
/// publishes. A transition that meets a conflict runs its steps again on fresh state, so a line written at once would
/// tell of a try that never happened (two instances hearing one request: "accepted" on the one that lost the insert).
/// </summary>
internal static class AfterCommit
{
    public static void Run(PipeContext context, Action action)
    {
        if (context.TryGetPayload(out OutboxContext? outbox))
        {
            // Returns a completed task while the consume is under way; the action then runs when the outbox is sent.
            // The line carries the trace of the span the dispatch hid (RunSpan), as it would have at once.
            _ = outbox.Add(() =>
            {
                RunSpan.Show(action);
                return Task.CompletedTask;
            });
        }
        else
        {
            action();
        }
    }
}
