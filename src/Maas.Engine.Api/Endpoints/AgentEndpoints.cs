using System.Globalization;
using System.Text.Json.Nodes;
using Maas.Contracts.Api;
using Maas.Contracts.Wire;
using Maas.Engine.Agents;
using Maas.Engine.Agents.Kinds;
using Maas.Engine.AI;
using Maas.Engine.Api.Security;
using Maas.Engine.Execution;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Api.Endpoints;

/// <summary>The agents this instance runs, and how busy each is here.</summary>
internal static class AgentEndpoints
{
    // A slot frees when one of the agent's calls ends; a few seconds is a fair guess, and a client may poll GET /agents.
    private const int BusyRetryAfterSeconds = 5;

    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder routes)
    {
        var agents = routes.MapGroup("/agents").WithTags("Agents");
        agents.MapGet("", GetAgents).WithSummary("Every agent this instance runs");
        agents.MapPost("/{agent_id}/execute", Execute).WithSummary("Run one task on one agent directly, without a saga (for testing)")
            .RequireRateLimiting(ExecuteRateLimit.PolicyName)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);
        return routes;
    }

    public static async Task<Results<Ok<AgentExecuteResponse>, ProblemHttpResult, ValidationProblem>> Execute(
        [FromRoute(Name = "agent_id")] string agentId, AgentExecuteRequest request, AgentCatalog catalog, ChatAgent chatAgent, TaskBacklog backlog,
        TimeProvider clock, HttpContext http, IOptions<EngineOptions> options, CancellationToken cancellationToken)
    {
        var agent = catalog.Find(agentId);
        if (agent is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Agent not found",
                detail: $"This engine runs no agent '{agentId}'; GET /agents lists them.");
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.TaskType))
        {
            errors["task_type"] = ["This field is required"];
        }
        else if (!agent.TaskTypes.Contains(request.TaskType, StringComparer.OrdinalIgnoreCase) || TaskKinds.Find(request.TaskType) is null)
        {
            errors["task_type"] = [$"Agent {agentId} runs {string.Join(", ", agent.TaskTypes)}"];
        }

        if (request.InputData is null)
        {
            errors["input_data"] = ["This field is required"];
        }
        else if (request.TaskType is not null)
        {
            foreach (var error in TaskInputValidator.Validate(request.TaskType, request.InputData))
            {
                errors[error.Field] = [error.Error];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The task cannot run as sent");
        }

        // A direct call takes one of the agent's slots like a task does, so the agent's limit holds for both.
        using var slot = AgentSlot.TryTake(catalog, agent, backlog, clock);
        if (slot is null)
        {
            http.Response.Headers.RetryAfter = BusyRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Agent busy",
                detail: $"Agent {agentId} runs {catalog.LimitOf(agent)} tasks at once here and all are taken; try again shortly.",
                extensions: new Dictionary<string, object?> { ["retry_after_seconds"] = BusyRetryAfterSeconds });
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TaskTimeoutSeconds));
        var started = clock.GetTimestamp();
        try
        {
            var result = await chatAgent.Run(agent, TaskKinds.Find(request.TaskType!)!, request.InputData!, timeout.Token);
            return TypedResults.Ok(new AgentExecuteResponse
            {
                AgentId = agent.AgentId,
                TaskType = request.TaskType!,
                Status = TaskStatuses.Completed,
                ExecutionTimeSeconds = Math.Round(clock.GetElapsedTime(started).TotalSeconds, 3),
                OutputData = JsonNode.Parse(result.OutputJson)!.AsObject(),
                Metadata = new TaskResultMetadata { TokensUsed = result.TokensUsed, ModelUsed = result.ModelUsed, CostEstimate = result.CostEstimate, ToolCalls = result.ToolCalls > 0 ? result.ToolCalls : null },
            });
        }
        catch (InvalidAgentOutputException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Invalid agent output", detail: e.Message);
        }
        catch (ProviderException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: ProviderFailures.From(e).ErrorType, detail: e.Message);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status504GatewayTimeout, title: "Agent timeout",
                detail: $"Agent {agentId} did not answer within {options.Value.TaskTimeoutSeconds} seconds.");
        }
    }

    public static Ok<AgentsResponse> GetAgents(AgentCatalog catalog) =>
        TypedResults.Ok(new AgentsResponse([.. catalog.Snapshot().Select(AgentViews.Info)]));
}
