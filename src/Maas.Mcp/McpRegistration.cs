using Maas.Engine.Agents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Maas.Mcp;

public static class McpRegistration
{
    /// <summary>
    /// The MCP servers declared in <c>mcp_servers</c>, connected and kept connected in the background, and their tools
    /// offered to the agents (in place of the engine's none).
    /// </summary>
    public static IHostApplicationBuilder AddMcpServers(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<McpOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<McpOptions>, McpOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<McpServers>();
        services.AddHostedService(sp => sp.GetRequiredService<McpServers>());
        services.Replace(ServiceDescriptor.Singleton<IAgentTools, McpAgentTools>());

        // The SDK narrates every connection at Information (about ten lines) and logs each failed attempt to reach a server
        // that is down as an error with its stack trace, every back-off; McpConnection and McpToolFunction log each
        // connection, loss, retry and failed call in one line, naming the server.
        builder.Logging.AddFilter("ModelContextProtocol", LogLevel.Critical);
        return builder;
    }
}
