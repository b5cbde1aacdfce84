using Maas.Engine.Tasks;
using Microsoft.EntityFrameworkCore;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Maas.Engine.Persistence;

/// <summary>The engine's own schema, <c>ai_engine</c>, in the database it shares with the platform.</summary>
public sealed class EngineDbContext(DbContextOptions<EngineDbContext> options) : DbContext(options)
{
    public const string Schema = "ai_engine";

    public const string MigrationsHistoryTable = "__ef_migrations_history";

    /// <summary>An owner name is <c>ENGINE_INSTANCE_ID</c> (up to 256 characters) and its epoch (<see cref="EngineOptions.Owner"/>).</summary>
    public const int OwnerMaxLength = 320;

    public DbSet<TaskState> Tasks => Set<TaskState>();

    public DbSet<EngineInstance> Instances => Set<EngineInstance>();

    /// <summary>Keeps EF's migration history inside our schema too, so the platform's public schema is never touched.</summary>
    public static void ConfigureNpgsql(NpgsqlDbContextOptionsBuilder npgsql)
    {
        ArgumentNullException.ThrowIfNull(npgsql);
        npgsql.MigrationsHistoryTable(MigrationsHistoryTable, Schema);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);

        var task = modelBuilder.Entity<TaskState>();
        task.ToTable("task_state");
        task.HasKey(x => x.CorrelationId);
        task.Property(x => x.CorrelationId).HasColumnName("correlation_id").ValueGeneratedNever();
        task.Property(x => x.CurrentState).HasColumnName("current_state").HasMaxLength(32);
        task.Property(x => x.TaskId).HasColumnName("task_id").HasMaxLength(512);
        task.Property(x => x.TaskType).HasColumnName("task_type").HasMaxLength(128);
        task.Property(x => x.EnvironmentId).HasColumnName("environment_id").HasMaxLength(256);
        task.Property(x => x.AgentId).HasColumnName("agent_id").HasMaxLength(256);
        task.Property(x => x.Priority).HasColumnName("priority").HasMaxLength(16);
        task.Property(x => x.InputData).HasColumnName("input_data").HasColumnType("jsonb");
        task.Property(x => x.TimeoutSeconds).HasColumnName("timeout_seconds");
        task.Property(x => x.MaxRetries).HasColumnName("max_retries");
        task.Property(x => x.Attempt).HasColumnName("attempt");
        task.Property(x => x.ProgressPercentage).HasColumnName("progress_percentage");
        task.Property(x => x.CurrentStep).HasColumnName("current_step");
        task.Property(x => x.CreatedAt).HasColumnName("created_at");
        task.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        task.Property(x => x.StartedAt).HasColumnName("started_at");
        task.Property(x => x.FinishedAt).HasColumnName("finished_at");
        task.Property(x => x.DeadlineAt).HasColumnName("deadline_at");
        task.Property(x => x.RetryAt).HasColumnName("retry_at");
        task.Property(x => x.TimeoutTokenId).HasColumnName("timeout_token_id");
        task.Property(x => x.RetryTokenId).HasColumnName("retry_token_id");
        task.Property(x => x.OutputData).HasColumnName("output_data").HasColumnType("jsonb");
        task.Property(x => x.TokensUsed).HasColumnName("tokens_used");
        task.Property(x => x.InputTokens).HasColumnName("input_tokens");
        task.Property(x => x.OutputTokens).HasColumnName("output_tokens");
        task.Property(x => x.ModelUsed).HasColumnName("model_used").HasMaxLength(256);
        // Ten decimals: a few tokens of a cheap model cost millionths of a dollar, and a result published again from its
        // row must carry the figure of the first copy (six decimals turned 0.0001602 into 0.00016).
        task.Property(x => x.CostEstimate).HasColumnName("cost_estimate").HasPrecision(20, 10);
        task.Property(x => x.ToolCalls).HasColumnName("tool_calls");
        task.Property(x => x.ToolCallsByName).HasColumnName("tool_calls_by_name").HasColumnType("jsonb");
        task.Property(x => x.ErrorType).HasColumnName("error_type").HasMaxLength(64);
        task.Property(x => x.ErrorMessage).HasColumnName("error_message");
        task.Property(x => x.Retryable).HasColumnName("retryable");
        task.Property(x => x.ErrorData).HasColumnName("error_data").HasColumnType("jsonb");
        task.Property(x => x.ResultPublishedAt).HasColumnName("result_published_at");
        task.Property(x => x.OwnerInstance).HasColumnName("owner_instance").HasMaxLength(OwnerMaxLength);
        task.Property(x => x.TraceParent).HasColumnName("trace_parent").HasMaxLength(64);

        // xmin is PostgreSQL's row version: every UPDATE checks it, so two engines cannot both win one transition.
        task.Property(x => x.Version).IsRowVersion();

        task.HasIndex(x => x.TaskId).IsUnique();

        // The operator views and the recovery sweep look for unfinished and unpublished tasks; finished rows dominate the table.
        task.HasIndex(x => x.CurrentState)
            .HasFilter($"current_state IN ('{TaskStateNames.Queued}', '{TaskStateNames.InProgress}')")
            .HasDatabaseName("ix_task_state_unfinished");
        var instance = modelBuilder.Entity<EngineInstance>();
        instance.ToTable("engine_instance");
        instance.HasKey(x => x.InstanceId);
        instance.Property(x => x.InstanceId).HasColumnName("instance_id").HasMaxLength(OwnerMaxLength);
        instance.Property(x => x.StartedAt).HasColumnName("started_at");
        instance.Property(x => x.LastSeenAt).HasColumnName("last_seen_at");

        task.HasIndex(x => x.FinishedAt)
            .HasFilter("result_published_at IS NULL AND finished_at IS NOT NULL")
            .HasDatabaseName("ix_task_state_unpublished");
    }
}
