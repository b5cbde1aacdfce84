using System.Diagnostics;
using System.Globalization;
using Maas.Contracts.Configuration;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Api;

/// <summary>
/// How the process starts and why it may refuse to: every wrong setting is named, one line each; then PostgreSQL and
/// Redis are waited for up to <c>STARTUP_RETRY_SECONDS</c>; a server still away is named with its variable. Either
/// way the process exits with code 1 and no stack trace: these are an operator's problems, not the engine's bugs.
/// </summary>
internal static partial class EngineStartup
{
    /// <summary>Runs the engine until it is stopped; the process's exit code.</summary>
    public static async Task<int> RunEngineAsync(this WebApplication app)
    {
        var problems = SettingsCheck.Problems(app.Services, app.Configuration);
        if (problems.Count > 0)
        {
            await Refuse(app, problems);
            return 1;
        }

        var window = TimeSpan.FromSeconds(app.Services.GetRequiredService<IOptions<EngineHostOptions>>().Value.StartupRetrySeconds);
        var away = await WaitForServers(app.Services, window, app.Logger);
        if (away.Count > 0)
        {
            await Refuse(app, away);
            return 1;
        }

        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception e)
        {
            // The host has logged it in full; the last line says in brief why the process ends.
            await Refuse(app, [$"The engine stopped on an error: {UrlRedaction.Redact(e.Message)}"]);
            return 1;
        }
    }

    private static async Task Refuse(WebApplication app, IEnumerable<string> lines)
    {
        // Disposing flushes the log's standard output, so the refusal comes after the last log line.
        await app.DisposeAsync();
        Logging.StandardOutput.Instance.Flush();
        foreach (var line in lines)
        {
            await Console.Error.WriteLineAsync(line);
        }

        await Console.Error.FlushAsync();
    }

    private static async Task<IReadOnlyList<string>> WaitForServers(IServiceProvider services, TimeSpan window, ILogger logger)
    {
        if (window <= TimeSpan.Zero)
        {
            return [];
        }

        var waits = services.GetServices<IStartupDependency>().Select(d => WaitFor(d, window, logger));
        return [.. (await Task.WhenAll(waits)).OfType<string>()];
    }

    /// <summary>Null once the server answers; the line naming it when it has not within <paramref name="window"/>.</summary>
    private static async Task<string?> WaitFor(IStartupDependency server, TimeSpan window, ILogger logger)
    {
        var started = Stopwatch.GetTimestamp();
        using var giveUp = new CancellationTokenSource(window);
        string? lastReason = null;
        while (true)
        {
            var reason = await server.ProbeAsync(giveUp.Token);
            if (reason is null)
            {
                return null;
            }

            // A probe cut short by the deadline says only "no answer"; the attempt before it knew better.
            lastReason = giveUp.IsCancellationRequested && lastReason is not null ? lastReason : reason;
            var left = window - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero || giveUp.IsCancellationRequested)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"{server.Variable}: {server.Server} did not answer within {window.TotalSeconds:0.#} s ({lastReason})");
            }

            LogWaiting(logger, server.Variable, server.Server, lastReason, left.TotalSeconds);
            try
            {
                await Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), giveUp.Token);
            }
            catch (OperationCanceledException)
            {
                // The window closed while waiting: one last probe decides.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for {Variable}: {Server} ({Reason}); giving up in {Seconds:0} s")]
    private static partial void LogWaiting(ILogger logger, string variable, string server, string reason, double seconds);
}
