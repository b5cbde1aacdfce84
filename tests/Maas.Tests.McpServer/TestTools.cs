using System.ComponentModel;
using ModelContextProtocol.Server;

namespace Maas.Tests.McpServer;

/// <summary>Deterministic tools: answers the tests can predict, a failure, a hang and a death.</summary>
[McpServerToolType]
internal static class TestTools
{
    private static readonly Dictionary<string, string> Facts = new(StringComparer.Ordinal)
    {
        ["capital_of_france"] = "Paris",
        ["boiling_point_of_water_c"] = "100",
        ["answer"] = "42",
    };

    [McpServerTool(Name = "lookup_fact"), Description("Looks up a fact by its key.")]
    public static string LookupFact([Description("The fact's key, e.g. capital_of_france")] string key) =>
        Facts.TryGetValue(key, out var fact) ? fact : throw new ArgumentException($"no fact named {key}", nameof(key));

    [McpServerTool(Name = "add"), Description("Adds two whole numbers.")]
    public static long Add(long a, long b) => a + b;

    [McpServerTool(Name = "slow"), Description("Answers after the given number of seconds.")]
    public static async Task<string> Slow(double seconds, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        return $"done after {seconds} s";
    }

    [McpServerTool(Name = "fail"), Description("Always fails.")]
    public static string Fail() => throw new InvalidOperationException("the fail tool always fails");

    [McpServerTool(Name = "exit_process"), Description("Ends the server's process at once, in the middle of the call.")]
    public static string ExitProcess()
    {
        Environment.Exit(3);
        return "unreachable";
    }

    [McpServerTool(Name = "process_id"), Description("The server process's id, to tell one process from its successor.")]
    public static int ProcessId() => Environment.ProcessId;

    [McpServerTool(Name = "read_env"), Description("The value of one of the server's environment variables, or an empty string.")]
    public static string ReadEnv(string name) => Environment.GetEnvironmentVariable(name) ?? "";
}
