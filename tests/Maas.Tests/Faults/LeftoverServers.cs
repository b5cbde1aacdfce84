using System.Globalization;

namespace Maas.Tests.Faults;

/// <summary>
/// Servers left by a fault run whose test process was killed (Ctrl-C, a CI timeout) before its fixture could stop them:
/// found by their temp directory, whose <c>owner.pid</c> names a test process that no longer runs, and stopped.
/// </summary>
internal static class LeftoverServers
{
    public const string Prefix = "maas-faults-";
    public const string OwnerFile = "owner.pid";

    public static async Task StopAll()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var owner = Path.Combine(directory, OwnerFile);
            if (!File.Exists(owner) || Running(File.ReadAllText(owner), "dotnet", "testhost"))
            {
                continue;
            }

            await PrivatePostgres.StopLeftover(Path.Combine(directory, "postgres"));
            var redisPid = Path.Combine(directory, "redis", "redis.pid");
            if (File.Exists(redisPid) && Running(File.ReadAllText(redisPid), "redis-server"))
            {
                using var redis = System.Diagnostics.Process.GetProcessById(int.Parse(File.ReadAllText(redisPid).Trim(), CultureInfo.InvariantCulture));
                redis.Kill();
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>True if the process id is live and its command name is one of <paramref name="names"/> (a recycled id is not).</summary>
    private static bool Running(string pid, params string[] names)
    {
        var comm = $"/proc/{pid.Trim()}/comm";
        return int.TryParse(pid.Trim(), CultureInfo.InvariantCulture, out _) && File.Exists(comm) &&
            names.Any(n => File.ReadAllText(comm).Trim().StartsWith(n, StringComparison.Ordinal));
    }
}
