using Maas.Engine.Tasks;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;

namespace Maas.Engine.Persistence;

internal static class SagaRepositoryRegistration
{
    /// <summary>Stores the task saga in PostgreSQL through plain Npgsql, with group commit (see <see cref="TaskStateStore"/>).</summary>
    public static ISagaRegistrationConfigurator<TaskState> TaskStateRepository(this ISagaRegistrationConfigurator<TaskState> saga)
    {
        saga.Repository(r =>
            r.RegisterSagaRepository<TaskState, TaskStateStore, SagaConsumeContextFactory<TaskStateStore, TaskState>, TaskStateRepositoryContextFactory>());
        return saga;
    }
}
