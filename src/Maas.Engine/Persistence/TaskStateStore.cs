using System.Threading.Channels;
using Maas.Engine.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Maas.Engine.Persistence;

/// <summary>
/// Group commit for saga rows. Each transition still waits for its own row to be committed before the saga publishes
/// anything, but the transitions that arrive while a round trip is under way share the next one: one batch of
/// statements, one implicit transaction, one WAL flush. A version conflict is answered to its own caller only, because
/// the statements report it as "no row returned" rather than as an error. At low load a batch holds one statement and
/// costs what a single command does; under load a few connections carry thousands of transitions a second.
/// </summary>
internal sealed partial class TaskStateStore : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<TaskStateStore> _logger;
    private readonly Channel<Operation> _pending = Channel.CreateUnbounded<Operation>(new UnboundedChannelOptions { AllowSynchronousContinuations = false });
    private readonly Task[] _connections;
    private long _batches;
    private long _statements;

    public TaskStateStore(NpgsqlDataSource dataSource, IOptions<EngineOptions> options, ILogger<TaskStateStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _logger = logger;
        _connections = [.. Enumerable.Range(0, options.Value.SagaConnections).Select(_ => Task.Run(Commit))];
    }

    /// <summary>Batches and statements sent so far: their ratio is how many transitions shared a commit.</summary>
    public (long Batches, long Statements) Totals => (Interlocked.Read(ref _batches), Interlocked.Read(ref _statements));

    /// <summary>The committed row, or null if there is none.</summary>
    public async Task<TaskState?> Find(Guid correlationId) => (await Enqueue(new Operation(OperationKind.Find, correlationId))).Row;

    /// <summary>The new row's version, or null if a row with its key or task id exists already.</summary>
    public async Task<uint?> Insert(TaskState task) => (await Enqueue(new Operation(OperationKind.Insert, task.CorrelationId) { Task = task })).Version;

    /// <summary>The row's new version, or null if the row is no longer at <see cref="TaskState.Version"/>.</summary>
    public async Task<uint?> Update(TaskState task) => (await Enqueue(new Operation(OperationKind.Update, task.CorrelationId) { Task = task })).Version;

    /// <summary>The row's version now, or null if there is no row.</summary>
    public async Task<uint?> CurrentVersion(Guid correlationId) => (await Enqueue(new Operation(OperationKind.Version, correlationId))).Version;

    /// <summary>True if the row was at <paramref name="version"/> and is gone.</summary>
    public async Task<bool> Delete(Guid correlationId, uint version) =>
        (await Enqueue(new Operation(OperationKind.Delete, correlationId) { ExpectedVersion = version })).Version is not null;

    public async ValueTask DisposeAsync()
    {
        // Everything already asked for is still committed: the loops drain the channel before they end.
        _pending.Writer.TryComplete();
        await Task.WhenAll(_connections);
    }

    private Task<Result> Enqueue(Operation operation) =>
        _pending.Writer.TryWrite(operation)
            ? operation.Done.Task
            : throw new ObjectDisposedException(nameof(TaskStateStore), "The engine is stopping; the saga row was not written.");

    /// <summary>One connection's loop: take whatever is waiting (up to <see cref="MaxBatch"/>), send it as one batch, answer each caller.</summary>
    private async Task Commit()
    {
        var batch = new List<Operation>(MaxBatch);
        NpgsqlConnection? connection = null;
        while (await Next() is { } first)
        {
            batch.Add(first);
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var operation))
            {
                batch.Add(operation);
            }

            try
            {
                connection ??= await _dataSource.OpenConnectionAsync();
                var results = await Execute(connection, batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
            catch (PostgresException e) when (batch.Count > 1 && !e.IsTransient)
            {
                // One statement broke the transaction for all; send each on its own so only that one fails.
                LogBatchRejected(batch.Count, e);
                connection = await Reset(connection);
                foreach (var operation in batch)
                {
                    connection = await Single(connection, operation);
                }
            }
            catch (Exception e)
            {
                connection = await Reset(connection);
                foreach (var operation in batch)
                {
                    operation.Done.TrySetException(e);
                }
            }

            batch.Clear();
        }

        await Reset(connection);
    }

    /// <summary>
    /// The next operation, or null once the store is disposed and drained. Reading (rather than waiting to read) wakes
    /// one idle connection per operation, not all of them.
    /// </summary>
    private async Task<Operation?> Next()
    {
        try
        {
            return await _pending.Reader.ReadAsync();
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    private async Task<NpgsqlConnection?> Single(NpgsqlConnection? connection, Operation operation)
    {
        try
        {
            connection ??= await _dataSource.OpenConnectionAsync();
            operation.Done.TrySetResult((await Execute(connection, [operation]))[0]);
            return connection;
        }
        catch (Exception e)
        {
            operation.Done.TrySetException(e);
            return await Reset(connection);
        }
    }

    private async Task<Result[]> Execute(NpgsqlConnection connection, List<Operation> batch)
    {
        await using var commands = new NpgsqlBatch(connection);
        foreach (var operation in batch)
        {
            commands.BatchCommands.Add(operation.ToCommand());
        }

        var results = new Result[batch.Count];
        await using (var reader = await commands.ExecuteReaderAsync())
        {
            for (var i = 0; i < batch.Count; i++)
            {
                if (i > 0)
                {
                    await reader.NextResultAsync();
                }

                if (await reader.ReadAsync())
                {
                    results[i] = batch[i].Kind == OperationKind.Find
                        ? new Result(TaskStateTable.Read(reader), null)
                        : new Result(null, reader.GetFieldValue<uint>(0));
                }
            }

            // Reads to the end of the batch, where PostgreSQL reports the commit: only then is any caller answered.
            while (await reader.NextResultAsync())
            {
            }
        }

        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _statements, batch.Count);
        return results;
    }

    /// <summary>
    /// Drops a connection after a failure (the next batch opens a fresh one). Closing a broken connection may fail too;
    /// that must not end the loop, or every later transition would wait forever.
    /// </summary>
    private async Task<NpgsqlConnection?> Reset(NpgsqlConnection? connection)
    {
        try
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
        catch (Exception e)
        {
            LogCloseFailed(e);
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing a saga connection after a failure failed too")]
    private partial void LogCloseFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} saga statements was rejected; sending them one by one")]
    private partial void LogBatchRejected(int count, Exception exception);

    private enum OperationKind
    {
        Find,
        Insert,
        Update,
        Version,
        Delete,
    }

    private readonly record struct Result(TaskState? Row, uint? Version);

    private sealed class Operation(OperationKind kind, Guid correlationId)
    {
        public OperationKind Kind { get; } = kind;

        /// <summary>The row to write. Its values are bound when the batch is built, before the caller is answered, and the caller waits for that answer before it changes the row again.</summary>
        public TaskState? Task { get; init; }

        public uint ExpectedVersion { get; init; }

        public TaskCompletionSource<Result> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public NpgsqlBatchCommand ToCommand()
        {
            switch (Kind)
            {
                case OperationKind.Insert:
                {
                    var insert = new NpgsqlBatchCommand(TaskStateTable.Insert);
                    TaskStateTable.Bind(insert.Parameters, Task!);
                    return insert;
                }

                case OperationKind.Update:
                {
                    var update = new NpgsqlBatchCommand(TaskStateTable.Update);
                    TaskStateTable.Bind(update.Parameters, Task!);
                    update.Parameters.Add(TaskStateTable.Version(Task!.Version));
                    return update;
                }

                case OperationKind.Delete:
                {
                    var delete = new NpgsqlBatchCommand(TaskStateTable.Delete);
                    delete.Parameters.Add(TaskStateTable.Key(correlationId));
                    delete.Parameters.Add(TaskStateTable.Version(ExpectedVersion));
                    return delete;
                }

                default:
                {
                    var select = new NpgsqlBatchCommand(Kind == OperationKind.Find ? TaskStateTable.SelectByKey : TaskStateTable.SelectVersion);
                    select.Parameters.Add(TaskStateTable.Key(correlationId));
                    return select;
                }
            }
        }
    }
}
