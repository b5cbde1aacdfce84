namespace Maas.Contracts.Api;

/// <summary>The body of <c>GET /agents</c>.</summary>
/// <param name="Agents">Every agent this instance runs.</param>
public sealed record AgentsResponse(IReadOnlyList<AgentInfo> Agents);
