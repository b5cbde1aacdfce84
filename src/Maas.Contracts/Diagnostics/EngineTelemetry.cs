using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Maas.Contracts.Diagnostics;

/// <summary>
/// The engine's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <c>Maas.Engine</c>, and the
/// names of the attributes its spans carry. Here, in the project every other references, so the bridge and the engine
/// share them (the BCL's types only: no package).
/// </summary>
public static class EngineTelemetry
{
    /// <summary>The name of the engine's <see cref="Source"/> and <see cref="Meter"/>.</summary>
    public const string Name = "Maas.Engine";

    /// <summary>The source of the model-call spans Microsoft.Extensions.AI emits (gen_ai conventions, no content).</summary>
    public const string AiSourceName = "Maas.Engine.AI";

    /// <summary>The service name when neither <c>OTEL_SERVICE_NAME</c> nor <c>OTEL_RESOURCE_ATTRIBUTES</c> names one.</summary>
    public const string DefaultServiceName = "maas-ai-engine";

    /// <summary>Span attribute: the platform's task id.</summary>
    public const string TaskId = "task_id";

    /// <summary>Span attribute and metric label: the task type (bounded in metrics).</summary>
    public const string TaskType = "task_type";

    /// <summary>Span attribute and metric label: the agent (bounded in metrics).</summary>
    public const string AgentId = "agent_id";

    /// <summary>Span attribute: the attempt's number, from 1.</summary>
    public const string Attempt = "attempt";

    /// <summary>The spans of a task's run. <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null while nobody listens.</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>The engine's metrics (instruments are created once, beside the code that records them).</summary>
    public static readonly Meter Meter = new(Name);
}
