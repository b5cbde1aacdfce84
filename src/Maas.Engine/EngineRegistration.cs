using Maas.Contracts.Messages;
using Maas.Contracts.Configuration;
using Maas.Engine.Agents;
using Maas.Engine.Agents.Registry;
using Maas.Engine.AI;
using Maas.Engine.Execution;
using Maas.Engine.Persistence;
using Maas.Engine.Recovery;
using Maas.Engine.Scheduling;
using Maas.Engine.Tasks;
using Maas.Engine.Telemetry;
using MassTransit;
using MassTransit.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace Maas.Engine;

public static class EngineRegistration
{
    /// <summary>
    /// The engine: the task saga on the mediator with its PostgreSQL repository, Quartz timers, execution workers and
    /// agents. Adapters (such as the Redis bridge) add their consumers to the same mediator through <paramref name="mediator"/>.
    /// </summary>
    public static IHostApplicationBuilder AddMaasEngine(this IHostApplicationBuilder builder, Action<IMediatorRegistrationConfigurator>? mediator = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<EngineOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EngineOptions>, EngineOptionsValidator>();
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton(sp =>
        {
            var dataSource = new NpgsqlDataSourceBuilder(sp.GetRequiredService<IOptions<EngineOptions>>().Value.ConnectionString);
            // The saga's statements run thousands of times a second: prepare them once per connection.
            dataSource.ConnectionStringBuilder.MaxAutoPrepare = Math.Max(dataSource.ConnectionStringBuilder.MaxAutoPrepare, 16);
            return dataSource.Build();
        });
        services.AddSingleton<TaskStateStore>();
        services.AddSingleton<TaskStateCache>();
        services.AddPooledDbContextFactory<EngineDbContext>((sp, db) => db.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), EngineDbContext.ConfigureNpgsql));
        services.AddHostedService<DatabaseMigrator>();
        services.AddSingleton<TaskQueries>();
        services.AddSingleton<PublishedResultsWriter>();
        services.AddSingleton<ResultsInFlight>();
        services.AddHostedService(sp => sp.GetRequiredService<PublishedResultsWriter>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddSingleton<IStartupDependency, DatabaseStartupProbe>();

        // The offline client under its name, so a provider adapter can wrap it; it is the chat client until one takes its place.
        services.AddKeyedSingleton<IChatClient>(ChatProviderInfo.Offline.Name, (sp, _) => ChatClients.Offline(sp.GetRequiredService<IOptions<EngineOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => sp.GetRequiredKeyedService<IChatClient>(ChatProviderInfo.Offline.Name));
        services.TryAddSingleton(ChatProviderInfo.Offline);
        services.AddAgentRegistry(builder.Configuration);
        services.AddSingleton(sp => ModelPrices.Parse(sp.GetRequiredService<IOptions<EngineOptions>>().Value.ModelPrices));
        services.AddSingleton<CostEstimator>();
        services.TryAddSingleton<IAgentTools, NoAgentTools>();
        services.AddSingleton<ChatAgent>();
        services.AddSingleton<AgentDispatcher>();
        services.AddSingleton(sp => new TaskBacklog(sp.GetRequiredService<AgentDispatcher>()));
        services.AddSingleton<RunningTasks>();
        services.AddSingleton<TaskRunner>();
        services.AddHostedService<ExecutionWorkers>();
        services.AddEngineTelemetry();

        services.AddSingleton<IScheduleMessageProvider, QuartzScheduleMessageProvider>();
        services.AddQuartz(q =>
        {
            // Per-task timers live in RAM (a persistent store writes and deletes a trigger per task, ~2.7x slower);
            // each deadline is also a saga column, so a timer lost with its process is found again by the sweep.
            q.ConfigureScheduler(s => s.InstanceName = $"maas-engine-{Guid.NewGuid():N}");
            q.UseInMemoryStore();
            q.AddJob<ScheduledMessageJob>(j => j.WithIdentity(QuartzScheduleMessageProvider.JobKey).StoreDurably());
            q.AddJob<RecoverySweepJob>(j => j.WithIdentity(RecoverySweepJob.Key));
            q.AddTrigger(t => t.ForJob(RecoverySweepJob.Key)
                .StartNow()
                .WithSimpleSchedule(s => s
                    .WithInterval(TimeSpan.FromSeconds(builder.Configuration.GetValue("RECOVERY_INTERVAL_SECONDS", EngineOptions.DefaultRecoveryIntervalSeconds)))
                    .RepeatForever()));
        });
        services.AddQuartzHostedService(q => q.WaitForJobsToComplete = true);

        services.AddMediator(m =>
        {
            m.AddSagaStateMachine<TaskStateMachine, TaskState, TaskStateMachineDefinition>()
                .TaskStateRepository();
            m.AddConsumer<TaskQueuedConsumer>();
            m.AddConsumer<CancelTaskConsumer>();
            m.AddConsumer<ResultPublishedConsumer>();
            mediator?.Invoke(m);
            m.ConfigureMediator((context, cfg) =>
            {
                cfg.ConfigureReceive(receive => receive.UseFilter(new HideSpanFilter()));
                cfg.UseFilter(new SchedulerContextFilter(context.GetRequiredService<IScheduleMessageProvider>()));
                TelemetryRegistration.ObserveSaga(context);
                var results = context.GetRequiredService<ResultsInFlight>();
                cfg.AddPipeSpecification(new FilterPipeSpecification<ConsumeContext<TaskCompleted>>(results.Counter<TaskCompleted>()));
                cfg.AddPipeSpecification(new FilterPipeSpecification<ConsumeContext<TaskFailed>>(results.Counter<TaskFailed>()));
            });
        });

        return builder;
    }
}
