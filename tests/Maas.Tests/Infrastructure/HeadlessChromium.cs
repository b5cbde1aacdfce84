using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Maas.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, headless, driven over the DevTools protocol: it loads a page as a person's browser would,
/// runs its scripts, and reports the rendered DOM and every URL the page asked for. A machine without
/// <c>/usr/bin/chromium</c> fails the test (CI installs it).
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly DirectoryInfo _profile;
    private readonly int _port;

    private HeadlessChromium(Process process, DirectoryInfo profile, int port)
    {
        _process = process;
        _profile = profile;
        _port = port;
    }

    public static async Task<HeadlessChromium> Start()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install Debian's chromium (apt-get install -y chromium).");
        }

        var profile = Directory.CreateTempSubdirectory("maas-chromium-");
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={profile.FullName}",
                     "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Chromium writes the port it chose (port 0: any free one) into the profile once it listens.
        var portFile = Path.Combine(profile.FullName, "DevToolsActivePort");
        var port = await Eventually.Until(
            () => Task.FromResult(File.Exists(portFile) ? File.ReadAllLines(portFile).FirstOrDefault() ?? "" : ""),
            line => line.Length > 0 || process.HasExited, "Chromium's DevTools port");
        if (process.HasExited)
        {
            throw new InvalidOperationException($"Chromium exited with code {process.ExitCode} before it listened.");
        }

        return new HeadlessChromium(process, profile, int.Parse(port, CultureInfo.InvariantCulture));
    }

    /// <summary>Opens <paramref name="url"/> and waits until the rendered DOM satisfies <paramref name="rendered"/>.</summary>
    public async Task<PageVisit> Visit(Uri url, Func<string, bool> rendered, string what, TimeSpan timeout)
    {
        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{_port}/json/list")))!.AsArray();
        var page = targets.First(t => (string?)t!["type"] == "page")!;
        await using var devTools = await DevTools.Connect(new Uri((string)page["webSocketDebuggerUrl"]!));

        await devTools.Call("Network.enable");
        await devTools.Call("Page.enable");
        await devTools.Call("Page.navigate", new JsonObject { ["url"] = url.ToString() });
        var dom = await Eventually.Until(
            async () => (string?)(await devTools.Call("Runtime.evaluate", new JsonObject { ["expression"] = "document.documentElement.outerHTML" }))["result"]?["value"] ?? "",
            rendered, what, timeout);
        return new PageVisit(dom, devTools.RequestedUrls);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            _profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file Chromium's last child still held; the temp folder is the system's to clean.
        }
    }

    /// <summary>What a page showed and fetched.</summary>
    public sealed record PageVisit(string Dom, IReadOnlyList<Uri> RequestedUrls);

    /// <summary>One DevTools session: numbered calls and their answers, and the page's requests as they are sent.</summary>
    private sealed class DevTools : IAsyncDisposable
    {
        private readonly ClientWebSocket _socket = new();
        private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _calls = new();
        private readonly ConcurrentQueue<Uri> _requested = new();
        private readonly CancellationTokenSource _stop = new();
        private Task _reading = Task.CompletedTask;
        private int _nextId;

        public IReadOnlyList<Uri> RequestedUrls => [.. _requested];

        public static async Task<DevTools> Connect(Uri address)
        {
            var devTools = new DevTools();
            await devTools._socket.ConnectAsync(address, CancellationToken.None);
            devTools._reading = devTools.Read();
            return devTools;
        }

        public async Task<JsonObject> Call(string method, JsonObject? parameters = null)
        {
            var id = Interlocked.Increment(ref _nextId);
            var answer = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
            _calls[id] = answer;
            var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
            await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
            var reply = await answer.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return reply["error"] is { } error
                ? throw new InvalidOperationException($"DevTools {method}: {error.ToJsonString()}")
                : reply["result"]?.AsObject() ?? [];
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _socket.Abort();
            try
            {
                await _reading;
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                // The session ends here by design.
            }

            _socket.Dispose();
            _stop.Dispose();
        }

        private async Task Read()
        {
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            while (!_stop.IsCancellationRequested)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                var node = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (node["id"] is { } id && _calls.TryRemove((int)id, out var call))
                {
                    call.SetResult(node);
                }
                else if ((string?)node["method"] == "Network.requestWillBeSent"
                         && Uri.TryCreate((string?)node["params"]?["request"]?["url"], UriKind.Absolute, out var url))
                {
                    _requested.Enqueue(url);
                }
            }
        }
    }
}
