using Maas.Engine.Tasks;
using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;

namespace Maas.Engine.Persistence;

/// <summary>
/// One message's access to its saga row: loaded from this instance's cache or read, written back through the group
/// commit of <see cref="TaskStateStore"/>. A transition that changed nothing writes nothing: read from the database it
/// took effect at the moment of the read; taken from the cache, the row's version is checked first instead.
/// </summary>
internal sealed class TaskStateRepositoryContext<TMessage> :
    ConsumeContextScope<TMessage>,
    SagaRepositoryContext<TaskState, TMessage>
    where TMessage : class
{
    private readonly TaskStateStore _store;
    private readonly TaskStateCache _cache;
    private readonly ConsumeContext<TMessage> _consumeContext;
    private readonly ISagaConsumeContextFactory<TaskStateStore, TaskState> _factory;
    private TaskState? _loaded;
    private bool _loadedFromCache;

    public TaskStateRepositoryContext(TaskStateStore store, TaskStateCache cache, ConsumeContext<TMessage> consumeContext,
        ISagaConsumeContextFactory<TaskStateStore, TaskState> factory)
        : base(consumeContext)
    {
        _store = store;
        _cache = cache;
        _consumeContext = consumeContext;
        _factory = factory;
    }

    public Task<SagaConsumeContext<TaskState, TMessage>> Add(TaskState instance) =>
        _factory.CreateSagaConsumeContext(_store, _consumeContext, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TaskState, TMessage>> Insert(TaskState instance)
    {
        ArgumentNullException.ThrowIfNull(instance);

        // Another engine inserted it first: returning null makes MassTransit load that row instead.
        if (await _store.Insert(instance) is not { } version)
        {
            return null!;
        }

        instance.Version = version;
        _loaded = instance.Copy();
        return await _factory.CreateSagaConsumeContext(_store, _consumeContext, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TaskState, TMessage>> Load(Guid correlationId)
    {
        _loadedFromCache = _cache.TryGet(correlationId, out var instance);
        if (!_loadedFromCache && await _store.Find(correlationId) is { } row)
        {
            instance = row;
        }

        if (instance is null)
        {
            return null!;
        }

        _loaded = instance.Copy();
        return await _factory.CreateSagaConsumeContext(_store, _consumeContext, instance, SagaConsumeContextMode.Load);
    }

    public async Task Save(SagaConsumeContext<TaskState> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var task = context.Saga;
        task.Version = await _store.Insert(task)
            ?? throw new SagaConflictException($"Saga {task.CorrelationId} was created by another transition first.");
        _cache.Committed(task);
    }

    public async Task Update(SagaConsumeContext<TaskState> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var task = context.Saga;
        if (_loaded is not null && TaskStateTable.SameRow(task, _loaded))
        {
            if (_loadedFromCache && await _store.CurrentVersion(task.CorrelationId) != task.Version)
            {
                throw Conflict(task);
            }

            return;
        }

        task.Version = await _store.Update(task) ?? throw Conflict(task);
        _cache.Committed(task);
    }

    public async Task Delete(SagaConsumeContext<TaskState> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var task = context.Saga;
        _cache.Forget(task.CorrelationId);
        if (!await _store.Delete(task.CorrelationId, task.Version))
        {
            throw Conflict(task);
        }
    }

    public Task Discard(SagaConsumeContext<TaskState> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TaskState> context) => Task.CompletedTask;

    public Task<SagaConsumeContext<TaskState, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TaskState instance, SagaConsumeContextMode mode)
        where T : class =>
        throw new NotSupportedException("The engine's saga is correlated by id; it runs no saga queries.");

    private SagaConflictException Conflict(TaskState task)
    {
        // The row moved on without us: the retry must read it, not trust the cache again.
        _cache.Forget(task.CorrelationId);
        return new SagaConflictException($"Saga {task.CorrelationId} changed since it was loaded (xmin {task.Version}).");
    }
}
