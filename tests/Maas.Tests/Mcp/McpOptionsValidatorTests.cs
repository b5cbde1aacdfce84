using Maas.Mcp;
using Maas.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Maas.Tests.Mcp;

/// <summary>Wrong <c>mcp_servers</c> entries are named one line each, by position and name; whether a server is up is never checked.</summary>
public sealed class McpOptionsValidatorTests
{
    [Fact]
    public void Accepts_a_stdio_and_an_http_server()
    {
        var failures = Failures(new()
        {
            ["mcp_servers:0:name"] = "files",
            ["mcp_servers:0:transport"] = "stdio",
            ["mcp_servers:0:command"] = "npx",
            ["mcp_servers:0:args:0"] = "-y",
            ["mcp_servers:0:env:ROOT"] = "/srv",
            ["mcp_servers:1:name"] = "search",
            ["mcp_servers:1:transport"] = "HTTP",
            ["mcp_servers:1:url"] = "http://127.0.0.1:9000/mcp",
            ["mcp_servers:1:tool_timeout_seconds"] = "2.5",
        });

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("transport", "grpc", "mcp_servers[0] (files).transport must be one of stdio, http, not 'grpc'.")]
    [InlineData("command", "", "mcp_servers[0] (files).command is not set (the program to start for the stdio transport).")]
    [InlineData("tool_timeout_seconds", "soon", "mcp_servers[0] (files).tool_timeout_seconds must be a number of seconds above 0, not 'soon'.")]
    [InlineData("tool_timeout_seconds", "0", "mcp_servers[0] (files).tool_timeout_seconds must be a number of seconds above 0, not '0'.")]
    [InlineData("name", "", "mcp_servers[0].name is not set.")]
    public void Names_the_entry_and_the_field_that_is_wrong(string field, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["mcp_servers:0:name"] = "files",
            ["mcp_servers:0:transport"] = "stdio",
            ["mcp_servers:0:command"] = "npx",
        };
        settings[$"mcp_servers:0:{field}"] = value;

        Assert.Equal(expected, Assert.Single(Failures(settings)));
    }

    [Fact]
    public void An_http_server_needs_an_absolute_http_url_which_is_never_echoed()
    {
        var failure = Assert.Single(Failures(new()
        {
            ["mcp_servers:0:name"] = "search",
            ["mcp_servers:0:transport"] = "http",
            ["mcp_servers:0:url"] = "ftp://user:secret@host/mcp",
        }));

        Assert.Equal("mcp_servers[0] (search).url is not an absolute http:// or https:// URL.", failure);
    }

    [Fact]
    public void Two_servers_may_not_share_a_name()
    {
        var failure = Assert.Single(Failures(new()
        {
            ["mcp_servers:0:name"] = "files",
            ["mcp_servers:0:transport"] = "stdio",
            ["mcp_servers:0:command"] = "a",
            ["mcp_servers:1:name"] = "files",
            ["mcp_servers:1:transport"] = "stdio",
            ["mcp_servers:1:command"] = "b",
        }));

        Assert.Equal("mcp_servers[1] (files).name 'files' is used by an earlier entry; server names must be unique.", failure);
    }

    [Fact]
    public void Names_a_tool_timeout_that_is_not_positive()
    {
        Assert.Equal("MCP_TOOL_TIMEOUT_SECONDS must be above 0 and at most 86400, not 0.", Assert.Single(Failures(new() { ["MCP_TOOL_TIMEOUT_SECONDS"] = "0" })));
    }

    [Fact]
    public async Task The_settings_check_prints_each_wrong_entry_and_exits_1()
    {
        await using var engine = await EngineProcess.Run(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = TestServers.DatabaseUrl,
            ["REDIS_URL"] = TestServers.RedisUrl,
            ["mcp_servers__0__name"] = "files",
            ["mcp_servers__0__transport"] = "pipe",
            ["mcp_servers__1__name"] = "search",
            ["mcp_servers__1__transport"] = "http",
            ["MAX_TOOL_ROUNDS"] = "0",
        });

        Assert.Equal(1, engine.ExitCode);
        Assert.Equal(
            [
                "MAX_TOOL_ROUNDS must be between 1 and 100, not 0.",
                "mcp_servers[0] (files).transport must be one of stdio, http, not 'pipe'.",
                "mcp_servers[1] (search).url is not an absolute http:// or https:// URL.",
            ],
            engine.Lines.Order(StringComparer.Ordinal));
    }

    private static IReadOnlyList<string> Failures(Dictionary<string, string?> settings)
    {
        var options = new McpOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().Bind(options);
        var result = new McpOptionsValidator().Validate(Options.DefaultName, options);
        return result.Failed ? [.. result.Failures] : [];
    }
}
