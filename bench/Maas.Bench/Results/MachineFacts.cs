using System.Runtime.InteropServices;
using Maas.Bench.Measure;
using Npgsql;
using StackExchange.Redis;

namespace Maas.Bench.Results;

/// <summary>What the figures were measured on: they only compare across machines as ratios of the ceilings.</summary>
public sealed record MachineFacts(
    int Cores,
    string CpuModel,
    double MemoryGiB,
    string Kernel,
    string DotNet,
    string Postgres,
    string PostgresSettings,
    string Redis,
    string LoadAtStart)
{
    public static async Task<MachineFacts> Read(string postgres, string redisUrl)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(ServerUrls.Redis(redisUrl, "maas-bench-facts"));
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memKb = long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        async Task<string> Show(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return (string)(await command.ExecuteScalarAsync())!;
        }

        var settings = $"synchronous_commit={await Show("SHOW synchronous_commit")}, fsync={await Show("SHOW fsync")}, " +
            $"shared_buffers={await Show("SHOW shared_buffers")}, max_connections={await Show("SHOW max_connections")}";
        var info = await redis.GetServers()[0].InfoAsync("server");
        var redisVersion = info.SelectMany(g => g).FirstOrDefault(p => p.Key == "redis_version").Value ?? "unknown";

        return new MachineFacts(
            Environment.ProcessorCount, cpu, memKb / 1024.0 / 1024.0, File.ReadAllText("/proc/sys/kernel/osrelease").Trim(),
            RuntimeInformation.FrameworkDescription, (await Show("SHOW server_version")).Split(' ')[0], settings, redisVersion, ProcFs.LoadAverage());
    }
}
