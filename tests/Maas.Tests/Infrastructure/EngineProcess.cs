using System.Diagnostics;

namespace Maas.Tests.Infrastructure;

/// <summary>
/// The built engine (<c>Maas.Engine.Api.dll</c>, copied next to the tests) run as its own process with only the
/// settings a test gives it, to see what an operator sees: its output, its HTTP answers and its exit code.
/// </summary>
public sealed class EngineProcess : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly List<string> _lines = [];

    private EngineProcess(Process process) => _process = process;

    /// <summary>Everything the process wrote so far, standard output and standard error together, line by line.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>All of <see cref="Lines"/> as one text.</summary>
    public string Output => string.Join('\n', Lines);

    public int ExitCode => _process.ExitCode;

    /// <summary>Runs the engine until it exits by itself; one still running after <paramref name="timeout"/> is killed and fails the test.</summary>
    public static async Task<EngineProcess> Run(IDictionary<string, string?> settings, TimeSpan? timeout = null)
    {
        var engine = Start(settings);
        await engine.WaitForExit(timeout ?? DefaultTimeout);
        return engine;
    }

    /// <summary>Starts the engine and returns at once; disposing it kills the process.</summary>
    public static EngineProcess Start(IDictionary<string, string?> settings)
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

        var engine = new EngineProcess(new Process { StartInfo = start });
        engine._process.OutputDataReceived += (_, e) => engine.Add(e.Data);
        engine._process.ErrorDataReceived += (_, e) => engine.Add(e.Data);
        engine._process.Start();
        engine._process.BeginOutputReadLine();
        engine._process.BeginErrorReadLine();
        return engine;
    }

    public async Task WaitForExit(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The engine was still running after {timeout.TotalSeconds} s; it wrote:\n{Output}");
        }

        // Without a timeout, WaitForExit also waits until the redirected output has been read to its end.
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }
}
