using Maas.Engine.Tasks;
using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Npgsql;

namespace Maas.Engine.Persistence;

/// <summary>One message's access to its saga row, on one pooled connection opened on first use.</summary>
internal sealed class TaskStateRepositoryContext<TMessage> :
    ConsumeContextScope<TMessage>,
    SagaRepositoryContext<TaskState, TMessage>,
    IAsyncDisposable
    where TMessage : class
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ConsumeContext<TMessage> _consumeContext;
    private readonly ISagaConsumeContextFactory<NpgsqlDataSource, TaskState> _factory;
    private NpgsqlConnection? _connection;

    public TaskStateRepositoryContext(NpgsqlDataSource dataSource, ConsumeContext<TMessage> consumeContext,
        ISagaConsumeContextFactory<NpgsqlDataSource, TaskState> factory)
        : base(consumeContext)
    {
        _dataSource = dataSource;
        _consumeContext = consumeContext;
        _factory = factory;
    }

    public Task<SagaConsumeContext<TaskState, TMessage>> Add(TaskState instance) =>
        _factory.CreateSagaConsumeContext(_dataSource, _consumeContext, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TaskState, TMessage>> Insert(TaskState instance)
    {
        try
        {
            await InsertRow(instance);
        }
        catch (SagaConflictException)
        {
            // Another engine inserted it first; returning null makes MassTransit load that row instead.
            return null!;
        }

        return await _factory.CreateSagaConsumeContext(_dataSource, _consumeContext, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TaskState, TMessage>> Load(Guid correlationId)
    {
        var instance = await Find(correlationId);
        return instance is null
            ? null!
            : await _factory.CreateSagaConsumeContext(_dataSource, _consumeContext, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<TaskState> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return InsertRow(context.Saga);
    }

    public async Task Update(SagaConsumeContext<TaskState> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var task = context.Saga;
        await using var update = new NpgsqlCommand(TaskStateTable.Update, await Connection());
        TaskStateTable.Bind(update.Parameters, task);
        update.Parameters.Add(TaskStateTable.Version(task.Version));
        task.Version = await update.ExecuteScalarAsync(CancellationToken) is uint version
            ? version
            : throw new SagaConflictException($"Saga {task.CorrelationId} changed since it was loaded (xmin {task.Version}).");
    }

    public async Task Delete(SagaConsumeContext<TaskState> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var delete = new NpgsqlCommand($"DELETE FROM {EngineDbContext.Schema}.task_state WHERE correlation_id = $1", await Connection());
        delete.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = context.Saga.CorrelationId });
        await delete.ExecuteNonQueryAsync(CancellationToken);
    }

    public Task Discard(SagaConsumeContext<TaskState> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TaskState> context) => Task.CompletedTask;

    public Task<SagaConsumeContext<TaskState, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TaskState instance, SagaConsumeContextMode mode)
        where T : class =>
        throw new NotSupportedException("The engine's saga is correlated by id; it runs no saga queries.");

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private async Task<TaskState?> Find(Guid correlationId)
    {
        await using var select = new NpgsqlCommand(TaskStateTable.SelectByKey, await Connection());
        select.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = correlationId });
        await using var row = await select.ExecuteReaderAsync(CancellationToken);
        return await row.ReadAsync(CancellationToken) ? TaskStateTable.Read(row) : null;
    }

    private async Task InsertRow(TaskState task)
    {
        await using var insert = new NpgsqlCommand(TaskStateTable.Insert, await Connection());
        TaskStateTable.Bind(insert.Parameters, task);
        try
        {
            task.Version = (uint)(await insert.ExecuteScalarAsync(CancellationToken))!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new SagaConflictException($"Saga {task.CorrelationId} was created by another transition first.", e);
        }
    }

    private async ValueTask<NpgsqlConnection> Connection() => _connection ??= await _dataSource.OpenConnectionAsync(CancellationToken);
}
