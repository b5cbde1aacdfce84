using System.Data.Common;
using System.Net.Sockets;
using Maas.Contracts.Messages;

namespace Maas.Contracts.Faults;

/// <summary>
/// What a failure that reached the saga's database says about it, decided here once for every caller: the bridge (hold
/// a request, refuse it, or report it) and the engine's workers (hold a result until the database returns). Neither
/// needs a reference to the store's driver: the standard <see cref="DbException"/> (its <c>SqlState</c> and
/// <c>IsTransient</c>, which Npgsql fills) is read anywhere in the exception's chain.
/// </summary>
/// <param name="Kind">Hold, refuse or report.</param>
/// <param name="ErrorCode">The code an answer names (<c>system_details.error_code</c>): a SQLSTATE or a short word.</param>
/// <param name="Message">The innermost error's message.</param>
public sealed record DatabaseFault(DatabaseFaultKind Kind, string ErrorCode, string Message)
{
    /// <summary>The database failed (<c>system_details.component</c> is <c>database</c>), whatever the kind.</summary>
    public bool InDatabase { get; init; } = Kind != DatabaseFaultKind.None;

    /// <summary>Classifies <paramref name="exception"/> and everything it wraps.</summary>
    /// <param name="exception">What the mediator threw.</param>
    /// <returns>The fault; <see cref="DatabaseFaultKind.None"/> when the database is not recognisably to blame.</returns>
    public static DatabaseFault Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var innermost = Innermost(exception);
        var message = innermost.Message;
        foreach (var e in Chain(exception))
        {
            switch (e)
            {
                case TaskDataRejectedException rejected:
                    return new DatabaseFault(DatabaseFaultKind.Permanent, rejected.ErrorCode ?? "data_rejected", rejected.Message);
                case DbException { SqlState: { Length: 5 } state } when state.StartsWith("22", StringComparison.Ordinal):
                    return new DatabaseFault(DatabaseFaultKind.Permanent, state, e.Message);
                case DbException { SqlState: { Length: 5 } state } when IsAway(state):
                    return new DatabaseFault(DatabaseFaultKind.Transient, state, e.Message);
                case DbException { IsTransient: true } db:
                    return new DatabaseFault(DatabaseFaultKind.Transient, Code(innermost, db), message);
                case SocketException:
                    return new DatabaseFault(DatabaseFaultKind.Transient, "connection_refused", message);
                case TimeoutException when Chain(exception).Any(x => x is DbException):
                    return new DatabaseFault(DatabaseFaultKind.Transient, "connection_timeout", message);
            }
        }

        return Chain(exception).OfType<DbException>().FirstOrDefault() is { } other
            ? new DatabaseFault(DatabaseFaultKind.None, Code(innermost, other), message) { InDatabase = true }
            : new DatabaseFault(DatabaseFaultKind.None, innermost.GetType().Name, message);
    }

    // 08: connection exceptions; 53: insufficient resources; 57P01-57P03: the server is shutting down or starting;
    // 55000 also answers "database is not currently accepting connections" (ALLOW_CONNECTIONS false).
    private static bool IsAway(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
        || state is "57P01" or "57P02" or "57P03" or "55000";

    private static string Code(Exception innermost, DbException? db) => innermost switch
    {
        TimeoutException => "connection_timeout",
        SocketException => "connection_refused",
        _ when db?.SqlState is { Length: 5 } state => state,
        _ => "database_unavailable",
    };

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>();
        pending.Push(exception);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (e.InnerException is not null)
            {
                pending.Push(e.InnerException);
            }
        }
    }
}
