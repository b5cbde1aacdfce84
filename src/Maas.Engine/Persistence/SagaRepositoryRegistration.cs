using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Maas.Engine.Persistence;

internal static class SagaRepositoryRegistration
{
    /// <summary>Stores the saga in PostgreSQL through <typeparamref name="TDbContext"/>'s pooled factory.</summary>
    public static ISagaRegistrationConfigurator<TSaga> PostgresRepository<TSaga, TDbContext>(this ISagaRegistrationConfigurator<TSaga> saga)
        where TSaga : class, ISaga
        where TDbContext : DbContext
    {
        saga.Repository(r =>
        {
            r.RegisterLoadSagaRepository<TSaga, SagaRepositoryContextFactory<TSaga, TDbContext>>();
            r.RegisterQuerySagaRepository<TSaga, SagaRepositoryContextFactory<TSaga, TDbContext>>();
            r.RegisterSagaRepository<TSaga, DbContext, SagaConsumeContextFactory<DbContext, TSaga>, SagaRepositoryContextFactory<TSaga, TDbContext>>();
        });
        return saga;
    }
}
