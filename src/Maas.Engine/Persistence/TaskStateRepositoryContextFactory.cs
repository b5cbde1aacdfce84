using Maas.Engine.Tasks;
using MassTransit;
using MassTransit.Saga;
using Npgsql;

namespace Maas.Engine.Persistence;

/// <summary>
/// MassTransit's saga repository for <see cref="TaskState"/> over plain Npgsql (see <see cref="TaskStateTable"/>).
/// Conflicts surface as <see cref="SagaConflictException"/>, answered by the saga's retry filter.
/// </summary>
internal sealed class TaskStateRepositoryContextFactory(
    NpgsqlDataSource dataSource,
    ISagaConsumeContextFactory<NpgsqlDataSource, TaskState> consumeContextFactory) : ISagaRepositoryContextFactory<TaskState>
{
    public void Probe(ProbeContext context) => context.Add("persistence", "postgresql");

    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TaskState, T>> next)
        where T : class
    {
        await using var repositoryContext = new TaskStateRepositoryContext<T>(dataSource, context, consumeContextFactory);
        await next.Send(repositoryContext);
    }

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TaskState> query, IPipe<SagaRepositoryQueryContext<TaskState, T>> next)
        where T : class =>
        throw new NotSupportedException("The engine's saga is correlated by id; it runs no saga queries.");
}
