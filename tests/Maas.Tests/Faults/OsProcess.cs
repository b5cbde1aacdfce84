using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Maas.Tests.Faults;

/// <summary>Runs the command-line tools the private servers need, and finds free loopback ports for them.</summary>
internal static class OsProcess
{
    public static bool IsRoot { get; } = Environment.UserName == "root";

    /// <summary>Runs a tool to its end; a non-zero exit is an exception carrying the tool's output.</summary>
    public static async Task<string> Run(string file, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The postgres OS user cannot read root's working directory.
            WorkingDirectory = "/",
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish in time");
        }

        var text = await output + await error;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {text}");
        }

        return text;
    }

    /// <summary>PostgreSQL refuses to run as root: as root (CI), its tools run as the postgres OS user.</summary>
    public static Task<string> RunAsPostgres(string file, IEnumerable<string> arguments, TimeSpan? timeout = null) =>
        IsRoot ? Run("runuser", ["-u", "postgres", "--", file, .. arguments], timeout) : Run(file, arguments, timeout);

    /// <summary>A directory the server's OS user owns (as root, handed to that user).</summary>
    public static async Task<string> OwnedDirectory(string path, string user)
    {
        Directory.CreateDirectory(path);
        if (IsRoot)
        {
            await Run("chown", [$"{user}:", path]);
        }

        return path;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The full path of a program on PATH; a missing one fails loudly, never skips.</summary>
    public static string OnPath(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{name} is not on PATH; scripts/deps.sh installs it (run the tests with scripts/test.sh).");
    }
}
