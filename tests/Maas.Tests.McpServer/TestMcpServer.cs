namespace Maas.Tests.McpServer;

/// <summary>
/// The tests' MCP server: <c>Maas.Tests.McpServer.dll</c> serves <see cref="TestTools"/> over stdio; with
/// <c>--http</c> it serves them over streamable HTTP at <c>/mcp</c> on a free loopback port (or <c>--port N</c>)
/// and writes <c>listening on URL</c> as its first line of standard output.
/// </summary>
internal static class TestMcpServer
{
    public static async Task<int> Main(string[] args)
    {
        if (!args.Contains("--http"))
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
            builder.Services.AddMcpServer().WithStdioServerTransport().WithToolsFromAssembly();
            await builder.Build().RunAsync();
            return 0;
        }

        var port = Array.IndexOf(args, "--port") is var i and >= 0 ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : 0;
        var web = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args });
        web.WebHost.UseKestrelCore().UseUrls($"http://127.0.0.1:{port}");
        web.Services.AddRouting();
        web.Services.AddMcpServer().WithHttpTransport().WithToolsFromAssembly();
        var app = web.Build();
        app.MapMcp("/mcp");
        await app.StartAsync();
        var address = app.Urls.First();
        await Console.Out.WriteLineAsync($"listening on {address}/mcp");
        await Console.Out.FlushAsync();
        await app.WaitForShutdownAsync();
        return 0;
    }
}
