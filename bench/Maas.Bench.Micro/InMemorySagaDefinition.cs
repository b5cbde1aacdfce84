using Maas.Engine.Tasks;
using MassTransit;

namespace Maas.Bench.Micro;

/// <summary>
/// The engine's saga pipe (its definition is internal to Maas.Engine): a retry filter and the in-memory outbox, so the
/// benchmark pays for the same filters a transition passes through in production.
/// </summary>
public sealed class InMemorySagaDefinition : SagaDefinition<TaskState>
{
    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<TaskState> sagaConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(sagaConfigurator);
        sagaConfigurator.UseMessageRetry(r => r.Immediate(5));
        sagaConfigurator.UseInMemoryOutbox(context);
    }
}
