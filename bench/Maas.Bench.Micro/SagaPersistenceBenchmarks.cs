using BenchmarkDotNet.Attributes;
using Maas.Engine;
using Maas.Engine.Persistence;
using Maas.Engine.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Maas.Bench.Micro;

/// <summary>
/// One saga transition's write against PostgreSQL, through the engine's own <see cref="TaskStateStore"/>: alone (a
/// round trip and a commit, nothing to share them with), and 64 transitions asked for at once, which the group commit
/// sends as a few batches. The engine is hosted as it runs (its migrator creates the bench's database, named by
/// <c>MAAS_BENCH_DATABASE_URL</c>), idle but for these writes.
/// </summary>
[MemoryDiagnoser]
public class SagaPersistenceBenchmarks
{
    private const int Together = 64;

    private IHost? _host;
    private TaskStateStore _store = null!;
    private TaskState[] _rows = [];
    private int _next;

    // Setup and cleanup are not measured, so blocking on them costs the figures nothing.
    [GlobalSetup]
    public void Setup()
    {
        var url = Environment.GetEnvironmentVariable("MAAS_BENCH_DATABASE_URL")
            ?? throw new InvalidOperationException("MAAS_BENCH_DATABASE_URL is not set (bench/run.sh sets it)");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["DATABASE_URL"] = url;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddMaasEngine();
        _host = builder.Build();
        _host.StartAsync().GetAwaiter().GetResult();
        _store = _host.Services.GetRequiredService<TaskStateStore>();

        var run = Guid.NewGuid().ToString("N")[..8];
        _rows = [.. Enumerable.Range(0, 4 * Together).Select(i => Row($"micro_{run}_{i}"))];
        var versions = Task.WhenAll(_rows.Select(_store.Insert)).GetAwaiter().GetResult();
        for (var i = 0; i < _rows.Length; i++)
        {
            _rows[i].Version = versions[i] ?? throw new InvalidOperationException("a fresh row was not inserted");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host?.StopAsync().GetAwaiter().GetResult();
        _host?.Dispose();
    }

    /// <summary>One transition's version-checked UPDATE with nothing else waiting: one batch of one, one commit.</summary>
    [Benchmark]
    public Task UpdateAlone() => Update(_rows[_next++ % _rows.Length]);

    /// <summary>64 transitions of different tasks asked for at once: the cost of each when they share commits.</summary>
    [Benchmark(OperationsPerInvoke = Together)]
    public Task UpdateSixtyFourAtOnce()
    {
        var start = _next;
        _next += Together;
        return Task.WhenAll(Enumerable.Range(start, Together).Select(i => Update(_rows[i % _rows.Length])));
    }

    private async Task Update(TaskState row)
    {
        row.ProgressPercentage = (row.ProgressPercentage + 1) % 100;
        row.Version = await _store.Update(row) ?? throw new InvalidOperationException($"{row.TaskId} lost its version");
    }

    private static TaskState Row(string taskId) => new()
    {
        CorrelationId = TaskIds.ToCorrelationId(taskId),
        CurrentState = TaskStateNames.InProgress,
        TaskId = taskId,
        TaskType = "code_generation",
        EnvironmentId = "615dfdb3-1051-449e-b858-e4ea9220837a",
        Priority = "normal",
        InputData = """{"description":"generate a hello world program","language":"python","requirements":[]}""",
        TimeoutSeconds = 300,
        MaxRetries = 3,
        Attempt = 1,
        CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
    };
}
