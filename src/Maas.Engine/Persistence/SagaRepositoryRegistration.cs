using Maas.Engine.Tasks;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Npgsql;

namespace Maas.Engine.Persistence;

internal static class SagaRepositoryRegistration
{
    /// <summary>Stores the task saga in PostgreSQL through plain Npgsql (see <see cref="TaskStateTable"/>).</summary>
    public static ISagaRegistrationConfigurator<TaskState> TaskStateRepository(this ISagaRegistrationConfigurator<TaskState> saga)
    {
        saga.Repository(r =>
            r.RegisterSagaRepository<TaskState, NpgsqlDataSource, SagaConsumeContextFactory<NpgsqlDataSource, TaskState>, TaskStateRepositoryContextFactory>());
        return saga;
    }
}
