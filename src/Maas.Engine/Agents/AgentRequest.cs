namespace Maas.Engine.Agents;

/// <summary>What a task asks of an agent, as selection reads it.</summary>
/// <param name="TaskType">The task type; only agents that run it may take the task.</param>
/// <param name="AgentId">The agent the platform named, if any (one of ours, or one of its own).</param>
/// <param name="EnvironmentId">The platform's environment; agents dedicated to it come first.</param>
/// <param name="Language"><c>input_data.language</c>, if given.</param>
/// <param name="Framework"><c>input_data.framework</c>, if given.</param>
public sealed record AgentRequest(string TaskType, string? AgentId = null, string? EnvironmentId = null, string? Language = null, string? Framework = null);
