using Maas.Engine.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Maas.Engine.Telemetry;

/// <summary>The engine's own part of telemetry: bounded labels, the queue-depth gauge, the saga's spans and metrics. The SDK and exporters are the host's.</summary>
internal static class TelemetryRegistration
{
    public static IServiceCollection AddEngineTelemetry(this IServiceCollection services)
    {
        services.AddSingleton<MetricLabels>();
        services.AddSingleton<SagaTelemetry>();
        services.AddHostedService<QueueDepthGauge>();
        return services;
    }

    /// <summary>
    /// Connects the saga's observers to the (singleton) state machine, once: MassTransit may run the mediator's
    /// configuration more than once, and a second connection counted every finished task twice.
    /// </summary>
    public static void ObserveSaga(IServiceProvider services)
    {
        var observer = services.GetRequiredService<SagaTelemetry>();
        if (!observer.TryConnect())
        {
            return;
        }

        var machine = services.GetRequiredService<TaskStateMachine>();
        machine.ConnectEventObserver(observer);
        machine.ConnectStateObserver(observer);
    }
}
