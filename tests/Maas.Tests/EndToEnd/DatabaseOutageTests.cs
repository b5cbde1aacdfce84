using Maas.Contracts.Wire;
using Maas.Engine.Execution;
using Maas.Engine.Tasks;
using Maas.RedisBridge.Inbound;
using Maas.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Maas.Tests.EndToEnd;

/// <summary>
/// A request that arrives while the database is away is held, and taken in if the database returns in time. The
/// outage is real but private to the test: its own database stops accepting connections and loses those it had
/// (<c>ALLOW_CONNECTIONS false</c>, <c>pg_terminate_backend</c>), the shared server stays up for the other tests.
/// </summary>
public sealed class DatabaseOutageTests : WireTest
{
    private const string RequestSentAt = "2025-06-14T05:51:38.986513Z";

    [Fact]
    public async Task A_request_held_through_an_outage_runs_when_the_database_returns_and_others_are_answered_meanwhile()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>
        {
            ["DATABASE_OUTAGE_GRACE_SECONDS"] = "60",
            ["REDIS_INBOUND_CONCURRENCY"] = "1",
        });
        var subscriber = engine.Services.GetRequiredService<InboundSubscriber>();
        var held = SeedMessages.NewTaskId();
        var bad = SeedMessages.NewTaskId();

        await TakeDatabaseAway();
        try
        {
            await Platform.Publish(SeedMessages.TaskExecute(held));
            await Eventually.Until(() => subscriber.Held == 1, "the request held");

            // Its one share of REDIS_INBOUND_CONCURRENCY is not kept while it waits: the channel is still read.
            await Platform.Publish(SeedMessages.TaskExecute(bad, m => m.Data().Remove("environment_id")));
            Assert.Equal("invalid_input", (string?)(await Platform.WaitForResult(bad)).Data["error_type"]);
            Assert.Equal(1, subscriber.Held);
            Assert.Empty(Platform.For(held));
        }
        finally
        {
            await BringDatabaseBack();
        }

        Assert.Equal("task_completed", (await Platform.WaitForResult(held)).MessageType);
        Assert.Equal(0, subscriber.Held);
    }

    [Fact]
    public async Task A_request_held_past_the_grace_is_answered_system_error_naming_the_database()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?> { ["DATABASE_OUTAGE_GRACE_SECONDS"] = "1" });
        var taskId = SeedMessages.NewTaskId();

        await TakeDatabaseAway();
        try
        {
            await Platform.Publish(SeedMessages.TaskExecute(taskId, m => m["timestamp"] = RequestSentAt));

            var failed = await Platform.WaitForResult(taskId);

            Assert.Equal("system_error", (string?)failed.Data["error_type"]);
            Assert.True((bool)failed.Data["retry_possible"]!);
            Assert.Equal("database", (string?)failed.Data["system_details"]!["component"]);
            Assert.False(string.IsNullOrEmpty((string?)failed.Data["system_details"]!["error_code"]));
            Assert.Equal(MessageIds.ForAnswer(taskId, MessageTypes.TaskFailed, RequestSentAt), (string?)failed.Message["message_id"]);
        }
        finally
        {
            await BringDatabaseBack();
        }
    }

    [Fact]
    public async Task A_result_finished_while_the_database_is_away_is_held_and_stored_when_it_returns()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?> { ["OFFLINE_AGENT_DELAY_MS"] = "1000" });
        var runner = engine.Services.GetRequiredService<TaskRunner>();
        var taskId = SeedMessages.NewTaskId();

        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        await Platform.WaitFor(taskId, m => m.Status == TaskStatuses.InProgress, "the attempt to start");
        await TakeDatabaseAway();
        try
        {
            // A report that is not held is given up after its fifth failed try; this one is tried again after it.
            await Eventually.Until(() => runner.OutageRetries >= 5, "the result held past its fifth failed try", TimeSpan.FromSeconds(90));
            Assert.Empty(Platform.Results(taskId));
        }
        finally
        {
            await BringDatabaseBack();
        }

        Assert.Equal("task_completed", (await Platform.WaitForResult(taskId, TimeSpan.FromSeconds(30))).MessageType);
        var row = await engine.Tasks.Find(taskId, CancellationToken.None);
        Assert.Equal((TaskStateNames.Completed, 1), (row!.CurrentState, row.Attempt));
    }

    private async Task TakeDatabaseAway()
    {
        await using var admin = await TestServers.OpenAdminConnection();
        await Execute(admin, $"ALTER DATABASE \"{Database.Name}\" ALLOW_CONNECTIONS false");
        await Execute(admin, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1", Database.Name);
    }

    private async Task BringDatabaseBack()
    {
        await using var admin = await TestServers.OpenAdminConnection();
        await Execute(admin, $"ALTER DATABASE \"{Database.Name}\" ALLOW_CONNECTIONS true");
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }
}
