using System.Diagnostics;

namespace Maas.Tests.Infrastructure.Mcp;

/// <summary>
/// The tests' MCP server (<c>Maas.Tests.McpServer.dll</c>, built with the tests and copied next to them): declared
/// for the engine to start over stdio, or run here over streamable HTTP. Its tools: <c>lookup_fact(key)</c>,
/// <c>add(a, b)</c>, <c>slow(seconds)</c>, <c>fail()</c>, <c>exit_process()</c>, <c>process_id()</c>, <c>read_env(name)</c>.
/// </summary>
public sealed class McpTestServer : IAsyncDisposable
{
    private readonly Process _process;

    private McpTestServer(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    /// <summary>The streamable HTTP endpoint.</summary>
    public Uri Url { get; }

    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "Maas.Tests.McpServer.dll");

    /// <summary>The settings that declare the server as entry <paramref name="index"/> of <c>mcp_servers</c>, run by the engine over stdio.</summary>
    public static Dictionary<string, string?> Stdio(string name, int index = 0, IDictionary<string, string>? env = null, double? toolTimeoutSeconds = null)
    {
        var settings = Entry(index, name, "stdio", toolTimeoutSeconds);
        settings[$"mcp_servers:{index}:command"] = Dotnet;
        settings[$"mcp_servers:{index}:args:0"] = Dll;
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            settings[$"mcp_servers:{index}:env:{key}"] = value;
        }

        return settings;
    }

    /// <summary>The settings that declare this server as entry <paramref name="index"/> of <c>mcp_servers</c>, over streamable HTTP.</summary>
    public Dictionary<string, string?> Http(string name, int index = 0, double? toolTimeoutSeconds = null) => HttpAt(Url, name, index, toolTimeoutSeconds);

    public static Dictionary<string, string?> HttpAt(Uri url, string name, int index = 0, double? toolTimeoutSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var settings = Entry(index, name, "http", toolTimeoutSeconds);
        settings[$"mcp_servers:{index}:url"] = url.ToString();
        return settings;
    }

    /// <summary>Whether the process has ended (its <c>exit_process</c> tool was called, say).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the server over streamable HTTP on a free loopback port (or <paramref name="port"/>) and waits until it listens.</summary>
    public static async Task<McpTestServer> StartHttp(int port = 0)
    {
        var start = new ProcessStartInfo(Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Dll);
        start.ArgumentList.Add("--http");
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException("the MCP test server did not start");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                if (line.StartsWith("listening on ", StringComparison.Ordinal))
                {
                    return new McpTestServer(process, new Uri(line["listening on ".Length..]));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below with the process killed.
        }

        process.Kill(entireProcessTree: true);
        process.Dispose();
        throw new InvalidOperationException("the MCP test server did not say where it listens");
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

    private static Dictionary<string, string?> Entry(int index, string name, string transport, double? toolTimeoutSeconds)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"mcp_servers:{index}:name"] = name,
            [$"mcp_servers:{index}:transport"] = transport,
        };
        if (toolTimeoutSeconds is { } seconds)
        {
            settings[$"mcp_servers:{index}:tool_timeout_seconds"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }
}
