using Maas.Contracts.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Maas.Mcp;

/// <summary>
/// One declared MCP server, kept connected: connect (start the process, or reach the URL), list its tools, wait until
/// the session ends (the process exits, a ping fails), then connect again after a back-off of one second doubling up
/// to <c>MCP_RECONNECT_MAX_SECONDS</c>, reset by every successful connection. A server that is down costs nothing
/// but its retries: the engine runs on, and the server's tools are simply not offered.
/// </summary>
internal sealed partial class McpConnection(McpServerOptions server, McpOptions options, ILoggerFactory loggers, TimeProvider clock)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger = loggers.CreateLogger<McpConnection>();
    private volatile Session? _session;
    private volatile TaskCompletionSource _suspect = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _connections;

    public string Name => server.Name;

    public bool Connected => _session is not null;

    /// <summary>How many times the server has been connected since the engine started (a reconnection adds one).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The server's tools as the agents see them; empty while it is not connected.</summary>
    public IReadOnlyList<AITool> Tools => _session?.Tools ?? [];

    /// <summary>The live session's tool of that name: a task that began before a reconnection calls the new session.</summary>
    public McpClientTool? Find(string toolName) => _session?.Find(toolName);

    /// <summary>A call failed as if the server were gone: ping it now rather than at the next interval.</summary>
    public void Suspect() => _suspect.TrySetResult();

    public async Task Run(CancellationToken stopping)
    {
        var delay = FirstDelay;
        while (!stopping.IsCancellationRequested)
        {
            McpClient? client = null;
            try
            {
                client = await Connect(stopping);
                Interlocked.Increment(ref _connections);
                delay = FirstDelay;
                var reason = await WaitUntilLost(client, stopping);
                _session = null;
                LogLost(Name, reason, delay.TotalSeconds);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogConnectFailed(Name, UrlRedaction.Redact(e.Message), delay.TotalSeconds);
            }
            finally
            {
                _session = null;
                await Close(client);
            }

            try
            {
                await Task.Delay(delay, clock, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, options.ReconnectMaxSeconds));
        }
    }

    private async Task<McpClient> Connect(CancellationToken stopping)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        limit.CancelAfter(TimeSpan.FromSeconds(options.ConnectTimeoutSeconds));
        var client = await McpClient.CreateAsync(Transport(), new McpClientOptions
        {
            ClientInfo = new Implementation { Name = "maas-ai-engine", Version = typeof(McpConnection).Assembly.GetName().Version?.ToString(3) ?? "1.0.0" },
            InitializationTimeout = TimeSpan.FromSeconds(options.ConnectTimeoutSeconds),
        }, loggers, limit.Token);
        try
        {
            var tools = await client.ListToolsAsync(cancellationToken: limit.Token);
            var timeout = options.ToolTimeout(server);
            _session = new Session([.. tools], [.. tools.Select(t => new McpToolFunction(t, this, timeout, _logger))]);
            LogConnected(Name, tools.Count, string.Join(", ", tools.Select(t => t.Name)));
            return client;
        }
        catch
        {
            await Close(client);
            throw;
        }
    }

    private IClientTransport Transport() => string.Equals(server.Transport.Trim(), McpTransports.Http, StringComparison.OrdinalIgnoreCase)
        ? new HttpClientTransport(new HttpClientTransportOptions
        {
            Name = Name,
            Endpoint = new Uri(server.Url!),
            TransportMode = HttpTransportMode.StreamableHttp,
            ConnectionTimeout = TimeSpan.FromSeconds(options.ConnectTimeoutSeconds),
        }, loggers)
        : new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = Name,
            Command = server.Command!,
            Arguments = server.Args,
            // The engine's environment holds its database URL and provider keys: a tool server gets the usual basics
            // (PATH, HOME, ...) and what its entry declares, not those.
            InheritEnvironmentVariables = false,
            EnvironmentVariables = Environment(),
        }, loggers);

    private Dictionary<string, string?> Environment()
    {
        var variables = StdioClientTransportOptions.GetDefaultEnvironmentVariables();
        if (System.Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } dotnetRoot)
        {
            variables["DOTNET_ROOT"] = dotnetRoot; // a .NET tool server cannot start without it where dotnet is not on PATH
        }

        foreach (var (key, value) in server.Env)
        {
            variables[key] = value;
        }

        return variables;
    }

    // The session ends by itself when a stdio server's process exits; an HTTP server that went away is noticed by a
    // ping, at the interval or at once when a tool call failed.
    private async Task<string> WaitUntilLost(McpClient client, CancellationToken stopping)
    {
        var interval = TimeSpan.FromSeconds(options.PingIntervalSeconds);
        while (true)
        {
            var suspect = _suspect;
            if (suspect.Task.IsCompleted)
            {
                suspect = _suspect = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            var tick = Task.Delay(interval, clock, stopping);
            var first = await Task.WhenAny(client.Completion, tick, suspect.Task);
            if (first == client.Completion)
            {
                var details = await client.Completion;
                return details.Exception?.Message ?? "the session ended";
            }

            stopping.ThrowIfCancellationRequested();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            limit.CancelAfter(PingTimeout);
            try
            {
                await client.PingAsync(cancellationToken: limit.Token);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                return $"ping failed: {e.Message}";
            }
        }
    }

    private async Task Close(McpClient? client)
    {
        if (client is null)
        {
            return;
        }

        try
        {
            await client.DisposeAsync();
        }
        catch (Exception e)
        {
            // A session that already broke may fail to close; it is gone either way.
            LogCloseFailed(Name, e.Message);
        }
    }

    private sealed class Session(IReadOnlyList<McpClientTool> clientTools, IReadOnlyList<AITool> tools)
    {
        private readonly Dictionary<string, McpClientTool> _byName = clientTools.GroupBy(t => t.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        public IReadOnlyList<AITool> Tools { get; } = tools;

        public McpClientTool? Find(string toolName) => _byName.GetValueOrDefault(toolName);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP server {Server} connected with {Count} tools: {Tools}")]
    private partial void LogConnected(string server, int count, string tools);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MCP server {Server} could not be connected ({Reason}); trying again in {Seconds:0.#} s")]
    private partial void LogConnectFailed(string server, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MCP server {Server} disconnected ({Reason}); reconnecting in {Seconds:0.#} s")]
    private partial void LogLost(string server, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MCP server {Server}: closing the broken session failed ({Reason})")]
    private partial void LogCloseFailed(string server, string reason);
}
