using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Maas.Tests.Infrastructure;

namespace Maas.Tests.Faults;

/// <summary>
/// A redis-server of the fault suite's own, a child of the test process on a free loopback port, so it can be killed and
/// started again without disturbing the tests that share the project's Redis.
/// </summary>
internal sealed class PrivateRedis : IAsyncDisposable
{
    private readonly string _binary;
    private readonly string _directory;
    private Process? _process;

    private PrivateRedis(string binary, string directory, int port)
    {
        _binary = binary;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"redis://127.0.0.1:{Port}/0";

    public static async Task<PrivateRedis> Start(string directory)
    {
        var redis = new PrivateRedis(OsProcess.OnPath("redis-server"), Directory.CreateDirectory(directory).FullName, OsProcess.FreePort());
        await redis.Launch();
        return redis;
    }

    /// <summary>As a crash: SIGKILL, nothing saved (the bus keeps no state), then the same port again.</summary>
    public async Task Restart()
    {
        await Kill();
        await Launch();
    }

    public async ValueTask DisposeAsync() => await Kill();

    private async Task Launch()
    {
        var start = new ProcessStartInfo(_binary,
            ["--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--protected-mode", "yes",
             "--save", "", "--appendonly", "no", "--dir", _directory, "--logfile", Path.Combine(_directory, "redis.log"),
             "--pidfile", Path.Combine(_directory, "redis.pid")])
        {
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        await Eventually.Until(async () => _process.HasExited || await Answers(), $"redis-server to answer on 127.0.0.1:{Port}", TimeSpan.FromSeconds(30));
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}: {Tail()}");
        }
    }

    private async Task Kill()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    private async Task<bool> Answers()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }

    private string Tail()
    {
        var log = Path.Combine(_directory, "redis.log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(20)) : "(no log)";
    }
}
