using System.Diagnostics;

namespace Maas.Bench.Engine;

/// <summary>
/// The engine under test as a child process: the built <c>Maas.Engine.Api.dll</c> run by <c>dotnet</c> directly (not
/// <c>dotnet run</c>), so the process id sampled for memory and CPU is the engine's own. Its output goes to a log file.
/// </summary>
public sealed class EngineProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private EngineProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Pid => _process.Id;

    public static async Task<EngineProcess> Start(BenchSettings settings, string name, int maxConcurrentTasks, int agentDelayMs = 0)
    {
        var start = new ProcessStartInfo("dotnet", [settings.EngineDll])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(settings.EngineDll)!,
        };
        var environment = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = settings.EngineDatabaseOptions is { Length: > 0 } options ? $"{settings.DatabaseUrl}?{options}" : settings.DatabaseUrl,
            ["REDIS_URL"] = settings.RedisUrl,
            ["REDIS_TASK_CHANNEL"] = settings.TaskChannel,
            ["REDIS_RESULT_CHANNEL"] = settings.ResultChannel,
            ["REDIS_STATUS_CHANNEL"] = settings.StatusChannel,
            ["AI_ENGINE_HOST"] = "127.0.0.1",
            ["AI_ENGINE_PORT"] = settings.EnginePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MAX_CONCURRENT_TASKS"] = maxConcurrentTasks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OFFLINE_AGENT_DELAY_MS"] = agentDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LOG_LEVEL"] = "INFO",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        foreach (var (key, value) in OtlpSink.Running?.EngineEnvironment ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        Directory.CreateDirectory(settings.ArtifactsDir);
        var log = new StreamWriter(Path.Combine(settings.ArtifactsDir, $"engine-{name}.log")) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var engine = new EngineProcess(process, log);
        await engine.WaitHealthy(settings.EnginePort, TimeSpan.FromSeconds(90));
        return engine;
    }

    /// <summary>SIGTERM, so the engine shuts down as in production; SIGKILL only if it hangs.</summary>
    public async Task Stop()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Stop();
        _process.Dispose();
        await _log.DisposeAsync();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private async Task WaitHealthy(int port, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the engine exited with code {_process.ExitCode} while starting; see its log");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"the engine was not healthy on port {port} within {timeout.TotalSeconds:0} s");
    }
}
