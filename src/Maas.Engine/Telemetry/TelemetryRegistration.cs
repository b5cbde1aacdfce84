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

    /// <summary>Connects the saga's observers; called once, when the mediator is built.</summary>
    public static void ObserveSaga(IServiceProvider services)
    {
        var machine = services.GetRequiredService<TaskStateMachine>();
        var observer = services.GetRequiredService<SagaTelemetry>();
        machine.ConnectEventObserver(observer);
        machine.ConnectStateObserver(observer);
    }
}
