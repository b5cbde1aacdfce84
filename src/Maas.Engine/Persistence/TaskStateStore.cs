using System.Threading.Channels;
using Maas.Contracts.Messages;
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
/// <para>
/// Faults stay with their own caller. A statement PostgreSQL refuses (a value it cannot store) rolls the batch back;
/// that statement's caller gets <see cref="TaskDataRejectedException"/> (a data error) or the error itself, and the
/// rest of the batch is sent again. A fault of the server or the connection fails every caller of the batch with a
/// transient error, except where the batch may have committed before the connection broke: then each write is looked
/// up (is the row there, at a new version, with our values?) before its caller is answered, so a write that landed is
/// never reported as lost. A connection that saw any error is closed, never reused: the store's connections are its
/// own (not pooled), so closing one really ends it.
/// </para>
/// </summary>
internal sealed partial class TaskStateStore : IAsyncDisposable
{
    /// <summary>How the store's connections show in <c>pg_stat_activity</c>, unless <c>DATABASE_URL</c> names the application.</summary>
    public const string ApplicationName = "maas-engine saga store";

    private const int MaxBatch = 256;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<TaskStateStore> _logger;
    private readonly Channel<TaskStateOperation> _pending = Channel.CreateUnbounded<TaskStateOperation>(new UnboundedChannelOptions { AllowSynchronousContinuations = false });
    private readonly Task[] _connections;
    private long _batches;
    private long _statements;

    public TaskStateStore(IOptions<EngineOptions> options, ILogger<TaskStateStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new NpgsqlDataSourceBuilder(options.Value.ConnectionString);
        // Each loop keeps its connection for good, so a pool gives nothing back, and a pooled connection "closed" after
        // a protocol error could be handed out again. Statements are prepared once per connection.
        builder.ConnectionStringBuilder.Pooling = false;
        builder.ConnectionStringBuilder.MaxAutoPrepare = Math.Max(builder.ConnectionStringBuilder.MaxAutoPrepare, 16);
        builder.ConnectionStringBuilder.ApplicationName ??= ApplicationName;
        _dataSource = builder.Build();
        _logger = logger;
        _connections = [.. Enumerable.Range(0, options.Value.SagaConnections).Select(_ => Task.Run(Commit))];
    }

    /// <summary>Batches and statements sent so far: their ratio is how many transitions shared a commit.</summary>
    public (long Batches, long Statements) Totals => (Interlocked.Read(ref _batches), Interlocked.Read(ref _statements));

    /// <summary>The committed row, or null if there is none.</summary>
    public async Task<TaskState?> Find(Guid correlationId) => (await Enqueue(new TaskStateOperation(TaskStateOperationKind.Find, correlationId))).Row;

    /// <summary>
    /// The new row's version, or null if a row with its key or task id exists already. Throws
    /// <see cref="TaskDataRejectedException"/> if PostgreSQL cannot store one of its values.
    /// </summary>
    public async Task<uint?> Insert(TaskState task) => (await Enqueue(new TaskStateOperation(TaskStateOperationKind.Insert, task.CorrelationId) { Task = task })).Version;

    /// <summary>
    /// The row's new version, or null if the row is no longer at <see cref="TaskState.Version"/>. Throws
    /// <see cref="TaskDataRejectedException"/> if PostgreSQL cannot store one of its values.
    /// </summary>
    public async Task<uint?> Update(TaskState task) => (await Enqueue(new TaskStateOperation(TaskStateOperationKind.Update, task.CorrelationId) { Task = task })).Version;

    /// <summary>The row's version now, or null if there is no row.</summary>
    public async Task<uint?> CurrentVersion(Guid correlationId) => (await Enqueue(new TaskStateOperation(TaskStateOperationKind.Version, correlationId))).Version;

    /// <summary>True if the row was at <paramref name="version"/> and is gone.</summary>
    public async Task<bool> Delete(Guid correlationId, uint version) =>
        (await Enqueue(new TaskStateOperation(TaskStateOperationKind.Delete, correlationId) { ExpectedVersion = version })).Version is not null;

    public async ValueTask DisposeAsync()
    {
        // Everything already asked for is still committed: the loops drain the channel before they end.
        _pending.Writer.TryComplete();
        await Task.WhenAll(_connections);
        await _dataSource.DisposeAsync();
    }

    private Task<TaskStateResult> Enqueue(TaskStateOperation operation) =>
        _pending.Writer.TryWrite(operation)
            ? operation.Done.Task
            : throw new ObjectDisposedException(nameof(TaskStateStore), "The engine is stopping; the saga row was not written.");

    /// <summary>One connection's loop: take whatever is waiting (up to <see cref="MaxBatch"/>), send it as one batch, answer each caller.</summary>
    private async Task Commit()
    {
        var batch = new List<TaskStateOperation>(MaxBatch);
        NpgsqlConnection? connection = null;
        while (await Next() is { } first)
        {
            batch.Add(first);
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var operation))
            {
                batch.Add(operation);
            }

            connection = await Send(connection, batch, resent: false);
            batch.Clear();
        }

        await Discard(connection);
    }

    /// <summary>
    /// Sends a batch and answers each of its callers, whatever happens. Returns the connection to go on with, or null
    /// if it had to be discarded.
    /// </summary>
    private async Task<NpgsqlConnection?> Send(NpgsqlConnection? connection, List<TaskStateOperation> batch, bool resent)
    {
        try
        {
            connection ??= await _dataSource.OpenConnectionAsync();
        }
        catch (Exception e)
        {
            // Nothing was sent: every caller may try again.
            Fail(batch, e);
            return null;
        }

        try
        {
            var results = await Execute(connection, batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }

            return connection;
        }
        catch (PostgresException e) when (IsStatementFault(e) && batch.Find(o => o.Refused) is { } culprit)
        {
            // The batch was rolled back because of this one statement: it fails alone, the others go again.
            await Discard(connection);
            LogStatementRefused(culprit.Task?.TaskId ?? culprit.CorrelationId.ToString(), e.SqlState, batch.Count - 1, e);
            culprit.Done.TrySetException(Refusal(e));
            batch.Remove(culprit);
            return batch.Count == 0 ? null : await Send(null, batch, resent);
        }
        catch (PostgresException e)
        {
            // The server (not one statement) failed the batch, so it was rolled back: nothing was written.
            await Discard(connection);
            Fail(batch, e);
            return null;
        }
        catch (Exception e)
        {
            // The connection broke, or the client failed, once the batch may have reached the server: it may have committed.
            await Discard(connection);
            LogOutcomeUnknown(batch.Count, e);
            return await Resend(await Confirm(batch, e), e, resent);
        }
    }

    /// <summary>
    /// Sends again what <see cref="Confirm"/> found unwritten: once as a batch, then (if that fails the same way) each
    /// on its own, and a statement that fails alone a second time fails its caller.
    /// </summary>
    private async Task<NpgsqlConnection?> Resend(List<TaskStateOperation> unwritten, Exception error, bool resent)
    {
        if (unwritten.Count == 0)
        {
            return null;
        }

        if (!resent)
        {
            return await Send(null, unwritten, resent: true);
        }

        if (unwritten.Count == 1)
        {
            Fail(unwritten, error);
            return null;
        }

        NpgsqlConnection? connection = null;
        foreach (var operation in unwritten)
        {
            connection = await Send(connection, [operation], resent: true);
        }

        return connection;
    }

    /// <summary>
    /// After an ambiguous failure, looks up each write on a fresh connection: a write found committed is answered as
    /// such; the rest (reads, and writes not found) are returned to be sent again. If even the lookup fails, every
    /// caller gets the original error: an error, not a claim that the row was not written.
    /// </summary>
    private async Task<List<TaskStateOperation>> Confirm(List<TaskStateOperation> batch, Exception error)
    {
        NpgsqlConnection? connection = null;
        var unwritten = new List<TaskStateOperation>(batch.Count);
        try
        {
            connection = await _dataSource.OpenConnectionAsync();
            await using var commands = new NpgsqlBatch(connection);
            foreach (var operation in batch)
            {
                commands.BatchCommands.Add(operation.ToConfirmCommand());
            }

            var found = new uint?[batch.Count];
            await using (var reader = await commands.ExecuteReaderAsync())
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    if (i > 0)
                    {
                        await reader.NextResultAsync();
                    }

                    found[i] = await reader.ReadAsync() ? reader.GetFieldValue<uint>(0) : null;
                }
            }

            for (var i = 0; i < batch.Count; i++)
            {
                if (batch[i].Confirmed(found[i]) is { } result)
                {
                    batch[i].Done.TrySetResult(result);
                }
                else
                {
                    unwritten.Add(batch[i]);
                }
            }
        }
        catch (Exception e)
        {
            LogConfirmFailed(batch.Count, e);
            Fail(batch, error);
            unwritten.Clear();
        }
        finally
        {
            await Discard(connection);
        }

        return unwritten;
    }

    /// <summary>
    /// The next operation, or null once the store is disposed and drained. Reading (rather than waiting to read) wakes
    /// one idle connection per operation, not all of them.
    /// </summary>
    private async Task<TaskStateOperation?> Next()
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

    private async Task<TaskStateResult[]> Execute(NpgsqlConnection connection, List<TaskStateOperation> batch)
    {
        await using var commands = new NpgsqlBatch(connection);
        foreach (var operation in batch)
        {
            commands.BatchCommands.Add(operation.ToCommand());
        }

        var results = new TaskStateResult[batch.Count];
        var current = 0;
        try
        {
            await using var reader = await commands.ExecuteReaderAsync();
            for (; current < batch.Count; current++)
            {
                if (current > 0)
                {
                    await reader.NextResultAsync();
                }

                if (await reader.ReadAsync())
                {
                    results[current] = batch[current].Kind == TaskStateOperationKind.Find
                        ? new TaskStateResult(TaskStateTable.Read(reader), null)
                        : new TaskStateResult(null, reader.GetFieldValue<uint>(0));
                }
            }

            // Reads to the end of the batch, where PostgreSQL reports the commit: only then is any caller answered.
            while (await reader.NextResultAsync())
            {
            }
        }
        catch (PostgresException) when (Refused(batch, current))
        {
            throw;
        }

        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _statements, batch.Count);
        return results;
    }

    /// <summary>
    /// Notes which statement PostgreSQL refused: results come in statement order, so it is the one being read. A filter
    /// that answers false, so the exception goes on unchanged to <see cref="Send"/>.
    /// </summary>
    private static bool Refused(List<TaskStateOperation> batch, int current)
    {
        if (current < batch.Count)
        {
            batch[current].Refused = true;
        }

        return false;
    }

    /// <summary>
    /// A statement's own fault, as opposed to the server's or the connection's: a value the column cannot hold (22), a
    /// constraint (23), the statement itself (42), a limit such as a row too big (54).
    /// </summary>
    private static bool IsStatementFault(PostgresException e) => e.SqlState.Length == 5 && e.SqlState[..2] is "22" or "23" or "42" or "54";

    private static Exception Refusal(PostgresException e) => e.SqlState.StartsWith("22", StringComparison.Ordinal)
        ? new TaskDataRejectedException($"The database cannot store the task's data ({e.SqlState}: {e.MessageText}).", e.SqlState, e)
        : e;

    private static void Fail(List<TaskStateOperation> batch, Exception e)
    {
        foreach (var operation in batch)
        {
            operation.Done.TrySetException(e);
        }
    }

    /// <summary>
    /// Closes a connection after a failure (the next batch opens a fresh one). Closing a broken connection may fail too;
    /// that must not end the loop, or every later transition would wait forever.
    /// </summary>
    private async Task<NpgsqlConnection?> Discard(NpgsqlConnection? connection)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL refused the saga row of task {TaskId} ({SqlState}); it fails alone, the {Others} other statements of its batch are sent again")]
    private partial void LogStatementRefused(string taskId, string sqlState, int others, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} saga statements failed after it was sent; looking up which of them were committed")]
    private partial void LogOutcomeUnknown(int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up the outcome of {Count} saga statements; their callers get the original error")]
    private partial void LogConfirmFailed(int count, Exception exception);
}
