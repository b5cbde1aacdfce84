using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Maas.Contracts.Wire;

namespace Maas.Bench.Micro;

/// <summary>Reading and writing the seed's two busiest messages with the engine's source-generated <see cref="WireJsonContext"/>.</summary>
[MemoryDiagnoser]
public class WireBenchmarks
{
    private byte[] _executeJson = [];
    private byte[] _completedJson = [];
    private WireMessage<TaskExecuteData> _execute = null!;
    private WireMessage<TaskCompletedData> _completed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _executeJson = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Examples", "task_execute.json"));
        _completedJson = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Examples", "task_completed.json"));
        _execute = ParseTaskExecute();
        _completed = ParseTaskCompleted();
    }

    [Benchmark]
    public WireMessage<TaskExecuteData> ParseTaskExecute() =>
        JsonSerializer.Deserialize(_executeJson, WireJsonContext.Default.WireMessageTaskExecuteData)!;

    [Benchmark]
    public byte[] WriteTaskExecute() => JsonSerializer.SerializeToUtf8Bytes(_execute, WireJsonContext.Default.WireMessageTaskExecuteData);

    [Benchmark]
    public WireMessage<TaskCompletedData> ParseTaskCompleted() =>
        JsonSerializer.Deserialize(_completedJson, WireJsonContext.Default.WireMessageTaskCompletedData)!;

    [Benchmark]
    public byte[] WriteTaskCompleted() => JsonSerializer.SerializeToUtf8Bytes(_completed, WireJsonContext.Default.WireMessageTaskCompletedData);
}
