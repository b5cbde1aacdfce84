using Microsoft.Extensions.Options;

namespace Maas.Engine.Api.Status;

/// <summary>
/// The engine's reports about itself: <c>GET /health</c> and <c>GET /stats</c> (<see cref="EngineHealth"/>,
/// <see cref="EngineStats"/>) and the same on Redis (<c>agent_status</c>, <c>system_status</c>). They live in the host
/// because it is the one project that sees both the engine (agents, tasks) and the Redis bridge.
/// </summary>
internal static class StatusRegistration
{
    public static WebApplicationBuilder AddEngineStatus(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StatusOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StatusOptions>, StatusOptionsValidator>();
        services.AddSingleton<EngineHealth>();
        services.AddSingleton<EngineStats>();
        services.AddHostedService<AgentStatusPublisher>();
        services.AddHostedService<SystemStatusPublisher>();
        return builder;
    }
}
