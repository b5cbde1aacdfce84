using Maas.Engine.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Maas.Engine.Tasks;

/// <summary>
/// How the saga consumes: optimistic conflicts (a stale <c>xmin</c>, or two engines inserting the same task) are
/// retried on fresh state with jittered back-off, and the in-memory outbox holds every publish and timer until the
/// row is committed, so an attempt that lost the race leaves no trace (see ARCHITECTURE.md, decisions 2 and 3).
/// </summary>
internal sealed class TaskStateMachineDefinition(ILogger<TaskStateMachine> logger) : SagaDefinition<TaskState>
{
    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<TaskState> sagaConfigurator,
        IRegistrationContext context)
    {
        sagaConfigurator.UseMessageRetry(r =>
        {
            r.Handle<SagaConflictException>();
            r.Handle<DbUpdateException>();
            r.Handle<NpgsqlException>(e => e.IsTransient);
            r.Exponential(20, TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(5));
            r.ConnectRetryObserver(new SagaRetryLog(logger));
        });
        sagaConfigurator.UseInMemoryOutbox(context);
    }
}
