namespace Maas.Tests.Faults;

/// <summary>
/// The fault collection's own Redis and PostgreSQL, started once for the collection on free loopback ports in a temp
/// directory, restarted on demand by the scenarios, and stopped (and the directory removed) even after a failed test.
/// </summary>
public sealed class FaultServers : IAsyncLifetime
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{LeftoverServers.Prefix}{Guid.NewGuid():N}");

    internal PrivateRedis Redis { get; private set; } = null!;

    internal PrivatePostgres Postgres { get; private set; } = null!;

    internal SurvivalTable Table { get; private set; } = null!;

    /// <summary>Where the engines' logs go: <c>.local/faults/logs</c> of the checkout, kept until the next run for reading after a failure.</summary>
    internal string LogDirectory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var local = Directory.CreateDirectory(System.IO.Path.Combine(RepositoryRoot(), ".local", "faults")).FullName;
        // Only this run's logs: the malformed flood alone writes megabytes.
        var logs = System.IO.Path.Combine(local, "logs");
        if (Directory.Exists(logs))
        {
            Directory.Delete(logs, recursive: true);
        }

        LogDirectory = Directory.CreateDirectory(logs).FullName;
        Table = new SurvivalTable(System.IO.Path.Combine(local, "survival.md"));
        await LeftoverServers.StopAll();
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(System.IO.Path.Combine(_directory, LeftoverServers.OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var redis = PrivateRedis.Start(System.IO.Path.Combine(_directory, "redis"));
        var postgres = PrivatePostgres.Start(System.IO.Path.Combine(_directory, "postgres"));
        try
        {
            await Task.WhenAll(redis, postgres);
        }
        finally
        {
            Redis = redis.IsCompletedSuccessfully ? redis.Result : null!;
            Postgres = postgres.IsCompletedSuccessfully ? postgres.Result : null!;
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (Redis is not null)
            {
                await Redis.DisposeAsync();
            }
        }
        finally
        {
            try
            {
                if (Postgres is not null)
                {
                    await Postgres.DisposeAsync();
                }
            }
            finally
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Maas.Bus.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Maas.Bus.sln above {AppContext.BaseDirectory}");
    }
}
