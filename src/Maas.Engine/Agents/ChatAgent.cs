using System.Text.Json.Nodes;
using Maas.Engine.Agents.Kinds;
using Maas.Engine.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Maas.Engine.Agents;

/// <summary>
/// Runs a task on a chat model: the agent's instructions and the kind's as system messages, the task as a JSON user
/// message, the kind's schema as structured output in the form the provider takes. The answer is stored only once
/// its kind has validated it; an invalid answer gets one repair round (the errors sent back with the answer), and
/// an answer still invalid fails the attempt with <see cref="InvalidAgentOutputException"/>.
/// </summary>
public sealed partial class ChatAgent(
    AgentCatalog agents,
    CostEstimator costs,
    IAgentTools tools,
    TimeProvider clock,
    ILogger<ChatAgent> logger)
{
    private const int RepairRounds = 1;

    public async Task<AgentResult> Run(AgentProfile agent, TaskKind kind, JsonObject input, CancellationToken cancellationToken, IModelCallObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(input);
        var request = new JsonObject { ["task_type"] = kind.Name, ["input_data"] = input.DeepClone() };
        var (chatClient, provider, structuredOutput, _, _) = agents.ChatOf(agent);
        var mode = structuredOutput.Current;
        List<ChatMessage> messages =
        [
            new(ChatRole.System, agent.Instructions),
            new(ChatRole.System, kind.Instructions(mode)),
            new(ChatRole.User, request.ToJsonString()),
        ];
        var usage = default(UsageTotals);
        var offered = tools.Offered(agent);
        var toolCalls = new ToolCallTally();
        for (var round = 0; ; round++)
        {
            // A task cancelled while it waited to start, or between rounds, calls no model.
            cancellationToken.ThrowIfCancellationRequested();
            ChatResponse response;
            try
            {
                // Tools on the first round only: a repair round is about the answer's form, and a model that spent every
                // tool round (MAX_TOOL_ROUNDS) without answering is made to answer there.
                var options = new ChatOptions
                {
                    ResponseFormat = kind.ResponseFormat(mode),
                    Temperature = agent.Temperature,
                    Tools = round == 0 && offered.Count > 0 ? [.. offered] : null,
                };
                response = await chatClient.GetResponseAsync(messages, options, cancellationToken);
            }
            catch (ProviderException e) when (e.Kind == ProviderFailureKind.StructuredOutputRejected && structuredOutput.After(mode, e) is { } simpler)
            {
                mode = simpler;
                messages[1] = new ChatMessage(ChatRole.System, kind.Instructions(mode));
                round--; // a refused form is not a round: the model has not answered yet
                continue;
            }

            observer?.Answered(clock.GetUtcNow());
            usage.Add(response.Usage);
            toolCalls.Add(response);
            var check = kind.ReadOutput(AnswerText(response), input);
            if (check.IsValid)
            {
                var model = response.ModelId ?? provider.Model;
                return new AgentResult(check.OutputJson!, usage.Input, usage.Output, usage.Total, model,
                    costs.Estimate(model, usage.Input, usage.Output))
                {
                    ToolCalls = toolCalls.Count,
                    ToolCallsByName = toolCalls.ByNameJson(),
                };
            }

            if (round == RepairRounds)
            {
                throw new InvalidAgentOutputException(check.Errors);
            }

            LogRepair(kind.Name, check.Errors.Count, check.Errors[0]);
            messages.Add(new ChatMessage(ChatRole.Assistant, AnswerText(response)));
            messages.Add(new ChatMessage(ChatRole.User,
                "Your answer cannot be used:\n- " + string.Join("\n- ", check.Errors)
                + "\nAnswer again with the corrected JSON object only."));
        }
    }

    // After tool rounds the response holds every round's messages; text the model wrote beside a tool call ("let me
    // look that up") is not part of its answer, which is the last assistant message.
    private static string AnswerText(ChatResponse response) =>
        response.Messages.LastOrDefault(m => m.Role == ChatRole.Assistant) is { } last ? last.Text : response.Text;

    [LoggerMessage(Level = LogLevel.Information, Message = "A {TaskType} answer failed validation ({Count} errors, first: {First}); asking the model to repair it")]
    private partial void LogRepair(string taskType, int count, string first);
}
