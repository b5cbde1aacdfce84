using Maas.Contracts.Messages;
using Maas.Engine.Agents;

namespace Maas.Engine.Execution;

/// <summary>A task handed to a worker with what selection decided; for <see cref="AgentChoiceKind.Run"/> the agent's slot is already taken.</summary>
/// <param name="Task">The task.</param>
/// <param name="Choice">Selection's decision; null when the backlog has no dispatcher (tests of ordering alone).</param>
public sealed record Dispatch(TaskQueued Task, AgentChoice? Choice);
