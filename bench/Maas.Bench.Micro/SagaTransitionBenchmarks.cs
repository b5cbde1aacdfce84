using BenchmarkDotNet.Attributes;
using Maas.Contracts.Messages;
using Maas.Engine;
using Maas.Engine.Tasks;
using MassTransit;
using MassTransit.Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Maas.Bench.Micro;

/// <summary>
/// The engine's <see cref="TaskStateMachine"/> on the mediator, as the engine hosts it, but with MassTransit's in-memory
/// saga repository and a scheduler that only hands out tokens: the cost of the state machine and MassTransit's pipe
/// without PostgreSQL and Quartz. Each iteration starts from an empty repository.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(10_000)]
public class SagaTransitionBenchmarks
{
    private ServiceProvider? _provider;
    private IMediator _mediator = null!;
    private int _next;

    [IterationSetup]
    public void FreshRepository()
    {
        Cleanup();
        var services = new ServiceCollection();
        services.AddOptions<EngineOptions>().Configure(o => o.DatabaseUrl = "postgresql://unused@localhost/unused");
        services.AddSingleton(TimeProvider.System);
        services.AddMediator(m =>
        {
            m.AddSagaStateMachine<TaskStateMachine, TaskState, InMemorySagaDefinition>().InMemoryRepository();
            m.ConfigureMediator((_, cfg) => cfg.UseFilter(new TokenOnlySchedulerFilter()));
        });
        _provider = services.BuildServiceProvider();
        _mediator = _provider.GetRequiredService<IMediator>();
    }

    // The mediator can only be disposed asynchronously; setup and cleanup are not measured, so blocking here costs nothing.
    [GlobalCleanup]
    public void Cleanup() => _provider?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>A new task: Initially -> Queued, publishing TaskQueued and the QUEUED status.</summary>
    [Benchmark]
    public Task AcceptNewTask() => _mediator.Send(Execute($"micro_{_next++}"));

    /// <summary>Queued -> InProgress (arming the timeout) -> Completed (disarming it): the cost of one of those three transitions.</summary>
    [Benchmark(OperationsPerInvoke = 3)]
    public async Task FullLifePerTransition()
    {
        var taskId = $"micro_{_next++}";
        await _mediator.Send(Execute(taskId));
        await _mediator.Send(new TaskStarted(taskId, 1, "code_generator_658e1617", DateTimeOffset.UtcNow));
        await _mediator.Send(new TaskSucceeded { TaskId = taskId, Attempt = 1, OutputData = """{"code":"print('Hello, World!')"}""", FinishedAt = DateTimeOffset.UtcNow });
    }

    private static ExecuteTask Execute(string taskId) => new()
    {
        TaskId = taskId,
        TaskType = "code_generation",
        EnvironmentId = "615dfdb3-1051-449e-b858-e4ea9220837a",
        AgentId = "code_generator_658e1617",
        InputData = """{"description":"generate a hello world program","language":"python","requirements":[]}""",
        TimeoutSeconds = 300,
        MaxRetries = 3,
        Priority = "normal",
        RequestedAt = DateTimeOffset.UtcNow,
        ReceivedAt = DateTimeOffset.UtcNow,
    };
}
