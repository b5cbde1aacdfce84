using System.Diagnostics;
using System.Text;

namespace Maas.Tests.Infrastructure;

/// <summary>
/// The built engine (<c>Maas.Engine.Api.dll</c>, copied next to the tests) run as its own process with only the
/// settings a test gives it, to see what an operator sees: its output and its exit code.
/// </summary>
public sealed record EngineProcess(int ExitCode, IReadOnlyList<string> Lines)
{
    /// <summary>Everything the process wrote, standard output and standard error together.</summary>
    public string Output => string.Join('\n', Lines);

    /// <summary>Runs the engine until it exits by itself; one that is still running after <paramref name="timeout"/> is killed and fails the test.</summary>
    public static async Task<EngineProcess> Run(IDictionary<string, string?> settings, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Maas.Engine.Api.dll"));

        // Only what the runtime needs from this process's environment: the engine must not pick up a stray DATABASE_URL.
        start.Environment.Clear();
        foreach (var name in new[] { "PATH", "HOME", "TMPDIR", "DOTNET_ROOT" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var lines = new List<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Add(lines, e.Data);
        process.ErrorDataReceived += (_, e) => Add(lines, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The engine was still running after {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds} s; it wrote:\n{Joined(lines)}");
        }

        // WaitForExit without a timeout also waits for the redirected streams to be read to their end.
        process.WaitForExit();
        lock (lines)
        {
            return new EngineProcess(process.ExitCode, [.. lines]);
        }
    }

    private static void Add(List<string> lines, string? line)
    {
        if (line is not null)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }

    private static string Joined(List<string> lines)
    {
        lock (lines)
        {
            return new StringBuilder().AppendJoin('\n', lines).ToString();
        }
    }
}
