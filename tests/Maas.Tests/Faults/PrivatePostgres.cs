using System.Globalization;

namespace Maas.Tests.Faults;

/// <summary>
/// A PostgreSQL cluster of the fault suite's own (initdb in a temp directory, a free loopback port), so it can be
/// restarted under load without disturbing the tests that share the project's server. Found and run as
/// <c>scripts/deps.sh</c> does: version 15 first, and as the postgres OS user when the tests run as root.
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _data;

    private PrivatePostgres(string bin, string data, int port)
    {
        _bin = bin;
        _data = data;
        Port = port;
    }

    public int Port { get; }

    public static async Task<PrivatePostgres> Start(string directory)
    {
        var bin = FindBinaries();
        Directory.CreateDirectory(directory);
        var data = await OsProcess.OwnedDirectory(Path.Combine(directory, "data"), "postgres");
        var socket = await OsProcess.OwnedDirectory(Path.Combine(directory, "socket"), "postgres");
        var postgres = new PrivatePostgres(bin, data, OsProcess.FreePort());
        // Trust auth on loopback only, C locale so the cluster does not depend on the machine's locales.
        await OsProcess.RunAsPostgres(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C"]);
        var options = string.Create(CultureInfo.InvariantCulture,
            $"-p {postgres.Port} -k {socket} -c listen_addresses=127.0.0.1 -c max_connections=200");
        await postgres.PgCtl(["-o", options, "start"]);
        return postgres;
    }

    public string Url(string database) => $"postgresql://postgres@127.0.0.1:{Port}/{database}";

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=false;Timeout=5;Command Timeout=30";

    /// <summary>
    /// <c>fast</c>: every connection is cut and open transactions roll back, as in a failover or an upgrade;
    /// <c>immediate</c>: as a crash, the server recovers from its write-ahead log on the way up.
    /// </summary>
    public Task Restart(string mode) => PgCtl(["-m", mode, "restart"]);

    public async ValueTask DisposeAsync() => await PgCtl(["-m", "immediate", "stop"]);

    /// <summary>Stops a cluster left in <paramref name="directory"/> by a killed test run, if one still runs there.</summary>
    public static async Task StopLeftover(string directory)
    {
        var data = Path.Combine(directory, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try
            {
                await OsProcess.RunAsPostgres(Path.Combine(FindBinaries(), "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Not running any more (pg_ctl says so with a non-zero exit): nothing to stop.
            }
        }
    }

    // Always with -l: a server started without it writes to pg_ctl's stdout, a pipe the tests would wait on forever.
    private Task<string> PgCtl(IEnumerable<string> arguments) =>
        OsProcess.RunAsPostgres(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-l", Path.Combine(_data, "server.log"), "-w", "-t", "60", .. arguments],
            TimeSpan.FromSeconds(90));

    private static string FindBinaries()
    {
        var candidates = new List<string?> { Environment.GetEnvironmentVariable("MAAS_PG_BIN"), "/usr/lib/postgresql/15/bin" };
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending(StringComparer.Ordinal).Select(d => Path.Combine(d, "bin")));
        }

        return candidates.FirstOrDefault(d => d is { Length: > 0 } && File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException("PostgreSQL's initdb/pg_ctl were not found (MAAS_PG_BIN, /usr/lib/postgresql/*/bin); scripts/deps.sh installs them.");
    }
}
