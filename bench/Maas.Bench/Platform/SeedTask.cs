using System.Text.Json;
using System.Text.Json.Nodes;
using Maas.Contracts.Wire;

namespace Maas.Bench.Platform;

/// <summary>The seed's <c>task_execute</c> example with a task id of the bench's, written with the engine's own wire contract.</summary>
public static class SeedTask
{
    private static readonly JsonObject InputData = new()
    {
        ["description"] = "generate a hello world program",
        ["language"] = "python",
        ["requirements"] = new JsonArray(),
    };

    /// <summary>Ids end in <c>_{index}</c>, so a reply is matched to its task without a dictionary look-up.</summary>
    public static string Id(string run, int index) => $"code_generation_{run}_{index}";

    public static byte[] Execute(string taskId) => JsonSerializer.SerializeToUtf8Bytes(
        new WireMessage<TaskExecuteData>
        {
            MessageType = MessageTypes.TaskExecute,
            TaskId = taskId,
            Timestamp = DateTimeOffset.UtcNow,
            Source = MessageSources.Platform,
            Data = new TaskExecuteData
            {
                TaskType = "code_generation",
                EnvironmentId = "615dfdb3-1051-449e-b858-e4ea9220837a",
                AgentId = "code_generator_658e1617",
                InputData = InputData,
                Configuration = new TaskConfiguration { Timeout = 300, MaxRetries = 3, Priority = "normal" },
            },
        },
        WireJsonContext.Default.WireMessageTaskExecuteData);
}
