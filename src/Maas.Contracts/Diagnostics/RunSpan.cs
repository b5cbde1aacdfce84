using System.Diagnostics;

namespace Maas.Contracts.Diagnostics;

/// <summary>
/// The span the engine's code is working under, seen through a mediator dispatch. MassTransit writes its own tags and
/// baggage (message and conversation ids, addresses, message types: eight values formatted anew) on whatever span is
/// <see cref="Activity.Current"/> at each of a task's eight dispatches; on the engine's spans that was two fifths of the
/// bytes a task exported and a measurable share of the engine's time. So a dispatch runs with no current Activity and
/// the span kept here, where the engine's spans (<see cref="TraceParents.Start"/>) and log lines still find it.
/// </summary>
public static class RunSpan
{
    private static readonly AsyncLocal<Activity?> Hidden = new();

    /// <summary>The current span, or the one a dispatch hid; null outside any span.</summary>
    public static Activity? Current => Activity.Current ?? Hidden.Value;

    /// <summary>
    /// Hides the current span for the rest of the calling async method (an async method's changes to its context never
    /// reach its caller, so nothing is restored by hand). Call it first in the method that awaits the dispatch.
    /// </summary>
    public static void HideCurrent()
    {
        if (Activity.Current is { } span)
        {
            Hidden.Value = span;
            Activity.Current = null;
        }
    }

    /// <summary>Runs <paramref name="action"/> with the hidden span current again (a log line that should carry its trace).</summary>
    public static void Show(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (Activity.Current is not null || Hidden.Value is not { } span)
        {
            action();
            return;
        }

        Activity.Current = span;
        try
        {
            action();
        }
        finally
        {
            Activity.Current = null;
        }
    }
}
