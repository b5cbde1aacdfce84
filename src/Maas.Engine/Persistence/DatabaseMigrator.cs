using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Maas.Engine.Persistence;

/// <summary>
/// Brings the <c>ai_engine</c> schema up to date before anything else touches it. Instances that start together
/// queue on a PostgreSQL advisory lock, so exactly one applies each migration and the others find it done.
/// </summary>
internal sealed class DatabaseMigrator(
    IDbContextFactory<EngineDbContext> dbContextFactory,
    NpgsqlDataSource dataSource,
    IOptions<EngineOptions> options,
    ILogger<DatabaseMigrator> logger) : IHostedService
{
    // Any fixed 64-bit number unique to this schema's migrations: "maas ai_engine" in ASCII, truncated.
    private const long MigrationLockKey = 0x6D61617361695F65;

    private const string HistoryTableDdl =
        $"CREATE SCHEMA IF NOT EXISTS {EngineDbContext.Schema}; " +
        $"CREATE TABLE IF NOT EXISTS {EngineDbContext.Schema}.{EngineDbContext.MigrationsHistoryTable} " +
        "(\"MigrationId\" character varying(150) NOT NULL PRIMARY KEY, \"ProductVersion\" character varying(32) NOT NULL)";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Migrate(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            // Start-up waits for the database first (STARTUP_RETRY_SECONDS); one that leaves again just then is named too.
            var target = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
            throw new InvalidOperationException(
                $"DATABASE_URL: PostgreSQL at {target.Host}:{target.Port} failed while the schema was brought up to date ({DatabaseStartupProbe.Reason(e)})", e);
        }
    }

    private async Task Migrate(CancellationToken cancellationToken)
    {
        await EnsureDatabaseExists(cancellationToken);

        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", lockConnection))
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            // EF reads its history table before creating it and logs that first read as a failed command; an
            // operator's first start should not open with an error, so the table is made here, as EF would make it.
            await using (var history = new NpgsqlCommand(HistoryTableDdl, lockConnection))
            {
                await history.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Schema {Schema} is at migration {Migration}", EngineDbContext.Schema,
                (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault());
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", lockConnection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The platform normally creates the shared database; a fresh developer machine may not have it yet.
    private async Task EnsureDatabaseExists(CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
        try
        {
            await using var probe = await dataSource.OpenConnectionAsync(cancellationToken);
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // Expected on a fresh server (README, "Two commands"): news, not a warning.
            logger.LogInformation("Database {Database} does not exist; creating it", target.Database);
        }

        var admin = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another instance created it between our probe and our CREATE (a concurrent CREATE reports a unique violation).
        }
    }
}
