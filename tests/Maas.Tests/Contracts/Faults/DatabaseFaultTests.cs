using System.Net.Sockets;
using Maas.Contracts.Faults;
using Maas.Contracts.Messages;
using Npgsql;

namespace Maas.Tests.Contracts.Faults;

/// <summary>What a failure to hand a request to the saga says about the database: hold it, refuse it, or report it.</summary>
public sealed class DatabaseFaultTests
{
    [Theory]
    [InlineData("22P05")] // untranslatable character (a NUL)
    [InlineData("22021")] // invalid byte sequence
    [InlineData("22001")] // string too long for its column
    public void Calls_a_data_exception_permanent_whatever_wraps_it(string sqlState)
    {
        var fault = DatabaseFault.Of(new InvalidOperationException("saga failed", Postgres(sqlState)));

        Assert.Equal((DatabaseFaultKind.Permanent, sqlState), (fault.Kind, fault.ErrorCode));
    }

    [Fact]
    public void Calls_a_value_the_store_refused_permanent_with_its_code()
    {
        var fault = DatabaseFault.Of(new InvalidOperationException("saga failed",
            new TaskDataRejectedException("The database cannot store the task's data.", "22P05", Postgres("22P05"))));

        Assert.Equal((DatabaseFaultKind.Permanent, "22P05"), (fault.Kind, fault.ErrorCode));
    }

    [Theory]
    [InlineData("57P01")] // terminated by an administrator (a restart)
    [InlineData("57P03")] // the server is starting
    [InlineData("08006")] // connection failure
    [InlineData("53300")] // too many connections
    [InlineData("55000")] // the database does not accept connections
    public void Calls_a_database_that_is_away_transient(string sqlState)
    {
        var fault = DatabaseFault.Of(new AggregateException(Postgres(sqlState)));

        Assert.Equal((DatabaseFaultKind.Transient, sqlState, true), (fault.Kind, fault.ErrorCode, fault.InDatabase));
    }

    [Fact]
    public void Calls_a_refused_connection_transient()
    {
        var fault = DatabaseFault.Of(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)));

        Assert.Equal((DatabaseFaultKind.Transient, "connection_refused"), (fault.Kind, fault.ErrorCode));
    }

    [Fact]
    public void Reports_another_database_error_as_the_databases_without_holding_it()
    {
        var fault = DatabaseFault.Of(Postgres("42P01"));

        Assert.Equal((DatabaseFaultKind.None, "42P01", true), (fault.Kind, fault.ErrorCode, fault.InDatabase));
    }

    [Fact]
    public void Reports_a_failure_outside_the_database_as_the_engines()
    {
        var fault = DatabaseFault.Of(new InvalidOperationException("no"));

        Assert.Equal((DatabaseFaultKind.None, nameof(InvalidOperationException), false), (fault.Kind, fault.ErrorCode, fault.InDatabase));
    }

    private static PostgresException Postgres(string sqlState) => new("message", "ERROR", "ERROR", sqlState);
}
