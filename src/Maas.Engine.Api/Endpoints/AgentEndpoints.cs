using Maas.Contracts.Api;
using Maas.Engine.Agents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Api.Endpoints;

/// <summary>The agents this instance runs, and how busy each is here.</summary>
internal static class AgentEndpoints
{
    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder routes)
    {
        var agents = routes.MapGroup("/agents").WithTags("Agents");
        agents.MapGet("", GetAgents).WithSummary("Every agent this instance runs");
        return routes;
    }

    public static Ok<AgentsResponse> GetAgents(AgentCatalog catalog, IOptions<EngineOptions> options)
    {
        var workers = options.Value.MaxConcurrentTasks;
        return TypedResults.Ok(new AgentsResponse([.. catalog.Agents.Select(agent =>
        {
            var activity = catalog.ActivityOf(agent.AgentId);
            return new AgentInfo
            {
                AgentId = agent.AgentId,
                Type = agent.Type,
                Status = "active",
                Capabilities = agent.Capabilities,
                CurrentLoad = Math.Round((double)activity.Running / workers, 3),
                LastActivity = activity.LastActivity,
            };
        })]));
    }
}
