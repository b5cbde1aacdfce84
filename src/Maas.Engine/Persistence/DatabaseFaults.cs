using System.Net.Sockets;
using Npgsql;

namespace Maas.Engine.Persistence;

/// <summary>
/// Which failures of the saga's database mean "it is away, try again" rather than "this can never be stored". Decided
/// here once: a report that met an outage is held until the database returns; any other failure is not retried forever.
/// </summary>
public static class DatabaseFaults
{
    public static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    // Class 08 (connection), 53 (resources), 57 (operator intervention: a restart), 58 (system error).
                    return postgres.IsTransient || postgres.SqlState[..2] is "08" or "53" or "57" or "58";
                case NpgsqlException npgsql when npgsql.IsTransient:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }
}
