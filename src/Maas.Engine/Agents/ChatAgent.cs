using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Maas.Engine.Agents;

/// <summary>
/// Runs a task on a chat model: the agent's instructions as the system message, the task as a JSON user message,
/// and the model's JSON answer as <c>output_data</c>. An answer that is not a JSON object is kept as text under
/// <c>result</c>, so a chatty model still yields a result instead of a failure.
/// </summary>
public sealed class ChatAgent(IChatClient chatClient)
{
    public async Task<AgentResult> Run(AgentProfile agent, string taskType, JsonObject input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(input);
        var request = new JsonObject { ["task_type"] = taskType, ["input_data"] = input.DeepClone() };
        ChatMessage[] messages =
        [
            new(ChatRole.System, agent.Instructions),
            new(ChatRole.User, request.ToJsonString()),
        ];

        var response = await chatClient.GetResponseAsync(messages, new ChatOptions { ResponseFormat = ChatResponseFormat.Json }, cancellationToken);

        var model = response.ModelId ?? chatClient.GetService<ChatClientMetadata>()?.DefaultModelId;
        return new AgentResult(
            ParseOutput(response.Text),
            response.Usage?.TotalTokenCount ?? (response.Usage?.InputTokenCount + response.Usage?.OutputTokenCount),
            model,
            Pricing.Estimate(model));
    }

    private static JsonObject ParseOutput(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is JsonObject output)
            {
                return output;
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through and keep the text.
        }

        return new JsonObject { ["result"] = text };
    }
}
