using System.Net.Sockets;
using Maas.Contracts.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Maas.Engine;

/// <summary>PostgreSQL answers when a connection opens; a database not created yet counts, since the engine creates it.</summary>
internal sealed class DatabaseStartupProbe(IOptions<EngineOptions> options) : IStartupDependency
{
    private readonly NpgsqlConnectionStringBuilder _target = new(options.Value.ConnectionString) { Pooling = false, Timeout = 5 };

    public string Variable => "DATABASE_URL";

    public string Server => $"PostgreSQL at {_target.Host}:{_target.Port}";

    public async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(_target.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            return null;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or OperationCanceledException)
        {
            return Reason(e);
        }
    }

    internal static string Reason(Exception e) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow } => "starting up",
        // The server's own words (a refused login, say) tell the operator what to fix; they never quote the password.
        PostgresException p => $"{p.SqlState}: {p.MessageText}",
        SocketException s => SocketReason(s.SocketErrorCode),
        TimeoutException or OperationCanceledException => "no answer",
        { InnerException: { } inner } => Reason(inner),
        _ => e.GetType().Name,
    };

    private static string SocketReason(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "host not found",
        SocketError.TimedOut => "no answer",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "unreachable",
        _ => error.ToString(),
    };
}
