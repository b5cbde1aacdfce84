using System.Diagnostics;
using System.Globalization;
using Maas.Tests.Infrastructure;

namespace Maas.Tests.Faults;

/// <summary>
/// The engine as production runs it: the built <c>Maas.Engine.Api.dll</c> in a process of its own, configured by
/// environment variables, so that it can be killed with SIGKILL mid-flight. Its output goes to a log file under
/// <c>.local/faults/</c>, whose tail is quoted when it fails to start.
/// </summary>
internal sealed class EngineProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly string _logPath;
    private bool _closed;

    private EngineProcess(Process process, StreamWriter log, string logPath, string instanceId)
    {
        _process = process;
        _log = log;
        _logPath = logPath;
        InstanceId = instanceId;
    }

    public string InstanceId { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts an engine and waits until it is healthy and listens on the task channel (pub/sub drops what nobody hears).</summary>
    public static async Task<EngineProcess> Start(FaultServers servers, string database, WirePlatform platform, string instanceId,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(platform);
        var dll = Path.Combine(AppContext.BaseDirectory, "Maas.Engine.Api.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: the test project references Maas.Engine.Api, so the build should have copied it.");
        }

        var port = OsProcess.FreePort();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        var channels = platform.Channels;
        var environment = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = servers.Postgres.Url(database),
            ["REDIS_URL"] = servers.Redis.Url,
            ["REDIS_TASK_CHANNEL"] = channels.Tasks,
            ["REDIS_RESULT_CHANNEL"] = channels.Results,
            ["REDIS_STATUS_CHANNEL"] = channels.Status,
            ["REDIS_DEAD_LETTER_KEY"] = platform.DeadLetterKey,
            ["ENGINE_INSTANCE_ID"] = instanceId,
            ["AI_ENGINE_HOST"] = "127.0.0.1",
            ["AI_ENGINE_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["LOG_LEVEL"] = "WARNING",
            // Fast heartbeats and takeovers, so a scenario fits in seconds.
            ["RECOVERY_INTERVAL_SECONDS"] = "0.5",
            ["ENGINE_INSTANCE_TTL_SECONDS"] = "2",
            ["RESULT_REDELIVERY_AFTER_SECONDS"] = "2",
            ["TASK_RETRY_DELAY_SECONDS"] = "0.2",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var logPath = Path.Combine(servers.LogDirectory, $"{channels.Tasks.Split(':')[0]}-{instanceId}-{DateTime.UtcNow:HHmmssfff}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var listeners = await platform.EngineSubscribers();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var engine = new EngineProcess(process, log, logPath, instanceId);
        process.OutputDataReceived += (_, e) => engine.Write(e.Data);
        process.ErrorDataReceived += (_, e) => engine.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(2) };
            await Eventually.Until(async () => process.HasExited || (await Healthy(http) && await platform.EngineSubscribers() > listeners),
                $"engine {instanceId} to be healthy and subscribed to {channels.Tasks}", TimeSpan.FromSeconds(60));
            if (process.HasExited)
            {
                throw new InvalidOperationException($"engine {instanceId} exited with code {process.ExitCode} while starting:\n{engine.Tail()}");
            }
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }

        return engine;
    }

    /// <summary><c>kill -9</c>: no shutdown hook runs, nothing in memory survives.</summary>
    public async Task Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public string Tail() => string.Join('\n', File.ReadLines(_logPath).TakeLast(40));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM first, as an orchestrator would; SIGKILL if it hangs.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
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

        _process.Dispose();
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private static async Task<bool> Healthy(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (!_closed)
            {
                _log.WriteLine(line);
            }
        }
    }
}
