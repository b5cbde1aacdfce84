using System.Text.Json;
using System.Text.Json.Nodes;
using Maas.Mcp;
using ModelContextProtocol.Protocol;

namespace Maas.Tests.Mcp;

/// <summary>What the model reads for each way a tool call can end.</summary>
public sealed class McpCallOutcomeTests
{
    [Fact]
    public void A_text_result_reaches_the_model_as_its_text()
    {
        var result = new CallToolResult { Content = [new TextContentBlock { Text = "Paris" }, new TextContentBlock { Text = "France" }] };

        Assert.Equal("Paris\nFrance", McpCallOutcome.Of(result).ForModel("lookup_fact", "facts"));
    }

    [Fact]
    public void A_structured_result_reaches_the_model_as_the_results_json()
    {
        var result = new CallToolResult
        {
            Content = [new TextContentBlock { Text = "{\"sum\":5}" }],
            StructuredContent = JsonSerializer.SerializeToElement(new JsonObject { ["sum"] = 5 }),
        };

        var content = Assert.IsType<JsonElement>(McpCallOutcome.Of(result).ForModel("add", "calc"));

        Assert.Equal(5, content.GetProperty("structuredContent").GetProperty("sum").GetInt32());
    }

    [Fact]
    public void A_tool_error_reaches_the_model_as_an_error_naming_tool_server_and_reason()
    {
        var result = new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = "no fact named x" }] };

        Assert.Equal("Error: the tool 'lookup_fact' (MCP server 'facts') failed: no fact named x", McpCallOutcome.Of(result).ForModel("lookup_fact", "facts"));
    }

    [Fact]
    public void A_tool_error_without_text_still_says_it_failed()
    {
        var result = new CallToolResult { IsError = true, Content = [] };

        Assert.Equal("Error: the tool 'fail' (MCP server 'facts') failed: the tool reported an error", McpCallOutcome.Of(result).ForModel("fail", "facts"));
    }

    [Fact]
    public void A_timeout_and_a_lost_session_reach_the_model_as_errors()
    {
        Assert.Equal("Error: the tool 'slow' (MCP server 'facts') failed: no answer within 2.5 s (the tool timeout)",
            new McpCallOutcome.TimedOut(TimeSpan.FromSeconds(2.5)).ForModel("slow", "facts"));
        Assert.Equal("Error: the tool 'add' (MCP server 'calc') failed: connection reset",
            new McpCallOutcome.Lost("connection reset").ForModel("add", "calc"));
    }
}
