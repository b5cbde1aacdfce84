using Maas.Contracts.Api;
using Maas.Engine.Agents;
using Maas.Engine.Api.Endpoints;
using Maas.Mcp;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Maas.Engine.Api.Status;

/// <summary>
/// What <c>GET /health</c> says, computed once for the endpoint and for the <c>system_status</c> messages, so the two
/// always agree: Redis and PostgreSQL really probed, agents and MCP servers counted, in the seed's shape.
/// </summary>
internal sealed class EngineHealth(HealthCheckService checks, AgentCatalog agents, McpServers mcp, TimeProvider clock)
{
    public const string ServiceName = "maas-ai-engine";

    public const string Healthy = "healthy";

    public const string Unhealthy = "unhealthy";

    public static readonly string Version = typeof(EngineHealth).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";

    public async Task<HealthResponse> Check(CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(cancellationToken);
        var healthy = report.Status == HealthStatus.Healthy;
        return new HealthResponse
        {
            Status = healthy ? Healthy : Unhealthy,
            Service = ServiceName,
            Version = Version,
            Timestamp = clock.GetUtcNow(),
            Components = new Dictionary<string, string>
            {
                ["redis"] = Connected(report, "redis"),
                ["database"] = Connected(report, "database"),
                ["agents"] = $"{AgentViews.Active(agents.Snapshot())}_active",
                ["mcp_servers"] = $"{mcp.Connected}_connected",
            },
        };
    }

    private static string Connected(HealthReport report, string component) =>
        report.Entries.TryGetValue(component, out var entry) && entry.Status == HealthStatus.Healthy ? "connected" : "disconnected";
}
