using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Maas.Engine.Persistence;

/// <summary>
/// MassTransit's saga repository over EF Core and PostgreSQL (the MassTransit.EntityFrameworkCore package is not
/// available to us). Each message gets its own pooled <see cref="DbContext"/>; conflicts surface as
/// <see cref="DbUpdateException"/>, which the saga's retry filter answers by running the message again on fresh state.
/// </summary>
internal sealed class SagaRepositoryContextFactory<TSaga, TDbContext>(
    IDbContextFactory<TDbContext> dbContextFactory,
    ISagaConsumeContextFactory<DbContext, TSaga> consumeContextFactory) :
    ISagaRepositoryContextFactory<TSaga>,
    ILoadSagaRepositoryContextFactory<TSaga>,
    IQuerySagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISaga
    where TDbContext : DbContext
{
    public void Probe(ProbeContext context) => context.Add("persistence", "postgresql");

    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class
    {
        await using var dbContext = await dbContextFactory.CreateDbContextAsync(context.CancellationToken);
        await next.Send(new EfSagaRepositoryContext<TSaga, T>(dbContext, context, consumeContextFactory));
    }

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        await using var dbContext = await dbContextFactory.CreateDbContextAsync(context.CancellationToken);
        var instances = await dbContext.Set<TSaga>().AsTracking().Where(query.FilterExpression).ToListAsync(context.CancellationToken);
        var repositoryContext = new EfSagaRepositoryContext<TSaga, T>(dbContext, context, consumeContextFactory);
        await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repositoryContext, instances));
    }

    public async Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(asyncMethod);
        await using var dbContext = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        return await asyncMethod(new SagaQueryContext<TSaga>(dbContext, cancellationToken));
    }

    public async Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(asyncMethod);
        await using var dbContext = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        return await asyncMethod(new SagaQueryContext<TSaga>(dbContext, cancellationToken));
    }
}
