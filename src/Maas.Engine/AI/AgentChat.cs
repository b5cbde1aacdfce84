using Maas.Engine.Agents;
using Microsoft.Extensions.AI;

namespace Maas.Engine.AI;

/// <summary>One agent's way to its model: its own chat client (full pipeline), provider and model, structured-output fallback, and the provider endpoint its health is kept for.</summary>
/// <param name="Client">The chat client, behind function invocation, OpenTelemetry and logging.</param>
/// <param name="Provider">Its provider, model and first structured-output form.</param>
/// <param name="StructuredOutput">The structured-output form this endpoint and model take, stepped down when refused.</param>
/// <param name="Endpoint">The provider endpoint (provider and address) whose health the agent shares.</param>
/// <param name="Probe">Asks the endpoint for its model listing.</param>
public sealed record AgentChat(IChatClient Client, ChatProviderInfo Provider, StructuredOutputFallback StructuredOutput, string Endpoint, IProviderProbe Probe);
