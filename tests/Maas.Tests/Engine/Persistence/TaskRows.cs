using Maas.Engine.Tasks;

namespace Maas.Tests.Engine.Persistence;

/// <summary>Saga rows for tests that write the table directly, as the saga's first transition would.</summary>
internal static class TaskRows
{
    public static TaskState Queued(string taskId) => new()
    {
        CorrelationId = TaskIds.ToCorrelationId(taskId),
        CurrentState = TaskStateNames.Queued,
        TaskId = taskId,
        TaskType = "code_generation",
        EnvironmentId = "615dfdb3-1051-449e-b858-e4ea9220837a",
        Priority = "normal",
        InputData = """{"description":"store test"}""",
        TimeoutSeconds = 300,
        MaxRetries = 3,
        CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
    };
}
