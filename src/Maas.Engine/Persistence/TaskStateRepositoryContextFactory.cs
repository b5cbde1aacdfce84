using Maas.Engine.Tasks;
using MassTransit;
using MassTransit.Saga;

namespace Maas.Engine.Persistence;

/// <summary>
/// MassTransit's saga repository for <see cref="TaskState"/> over plain Npgsql (see <see cref="TaskStateStore"/>).
/// Conflicts surface as <see cref="SagaConflictException"/>, answered by the saga's retry filter.
/// </summary>
internal sealed class TaskStateRepositoryContextFactory(
    TaskStateStore store,
    TaskStateCache cache,
    ISagaConsumeContextFactory<TaskStateStore, TaskState> consumeContextFactory) : ISagaRepositoryContextFactory<TaskState>
{
    public void Probe(ProbeContext context) => context.Add("persistence", "postgresql");

    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TaskState, T>> next)
        where T : class
    {
        var repositoryContext = new TaskStateRepositoryContext<T>(store, cache, context, consumeContextFactory);
        await next.Send(repositoryContext);
    }

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TaskState> query, IPipe<SagaRepositoryQueryContext<TaskState, T>> next)
        where T : class =>
        throw new NotSupportedException("The engine's saga is correlated by id; it runs no saga queries.");
}
