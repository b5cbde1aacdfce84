using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maas.Tests.Infrastructure;
using StackExchange.Redis;

namespace Maas.Tests.EndToEnd;

/// <summary>Bad input gets a clear answer and loses nothing: every request that names a task gets a <c>task_failed</c>.</summary>
public sealed class BadInputTests : WireTest
{
    private EngineApp _engine = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _engine = await EngineApp.Start(Database, Channels);
    }

    public override async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_missing_description_fails_with_invalid_input_naming_the_field()
    {
        var taskId = SeedMessages.NewTaskId();
        await Platform.Publish(SeedMessages.TaskExecute(taskId, m => m.Data()["input_data"]!.AsObject().Remove("description")));

        var failed = await Platform.WaitForResult(taskId);

        Assert.Equal("task_failed", failed.MessageType);
        Assert.Equal("FAILED", failed.Status);
        Assert.Equal("invalid_input", (string?)failed.Data["error_type"]);
        Assert.Equal("Required field 'description' missing from input_data", (string?)failed.Data["error_message"]);
        Assert.False((bool)failed.Data["retry_possible"]!);
        var error = Assert.Single(failed.Data["validation_errors"]!.AsArray())!;
        Assert.Equal("input_data.description", (string?)error["field"]);
        Assert.Equal("This field is required", (string?)error["error"]);

        using var client = _engine.CreateClient();
        var details = await client.GetFromJsonAsync<JsonObject>($"/tasks/{taskId}");
        Assert.Equal("FAILED", (string?)details!["status"]);
        Assert.Equal("invalid_input", (string?)details["error"]!["error_type"]);
    }

    [Fact]
    public async Task An_envelope_without_required_data_fields_is_answered_without_reaching_the_saga()
    {
        var taskId = SeedMessages.NewTaskId();
        await Platform.Publish(SeedMessages.TaskExecute(taskId, m =>
        {
            m.Data().Remove("environment_id");
            m.Data()["configuration"]!["timeout"] = "soon";
        }));

        var failed = await Platform.WaitForResult(taskId);

        Assert.Equal("invalid_input", (string?)failed.Data["error_type"]);
        var fields = failed.Data["validation_errors"]!.AsArray().Select(e => (string)e!["field"]!).Order().ToArray();
        Assert.Equal(["configuration.timeout", "environment_id"], fields);
        Assert.Null(await _engine.Tasks.Find(taskId, CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_task_type_fails_with_agent_unavailable_and_a_retry_delay()
    {
        var taskId = SeedMessages.NewTaskId("specialized_analysis");
        await Platform.Publish(SeedMessages.TaskExecute(taskId, m => m.Data()["task_type"] = "specialized_analysis"));

        var failed = await Platform.WaitForResult(taskId);

        Assert.Equal("agent_unavailable", (string?)failed.Data["error_type"]);
        Assert.Equal("No suitable agent available for task type 'specialized_analysis'", (string?)failed.Data["error_message"]);
        Assert.True((bool)failed.Data["retry_possible"]!);
        Assert.Equal(60, (int)failed.Data["retry_delay_seconds"]!);
        Assert.Equal(0, (int)failed.Data["retry_count"]!);
    }

    [Fact]
    public async Task Text_that_is_not_json_is_kept_as_a_dead_letter_and_the_engine_goes_on()
    {
        var redis = await TestServers.RedisConnection();
        var deadLetterKey = new RedisKey(Channels.Tasks + ":dead_letters");

        await Platform.Publish("{ this is not json");
        await Platform.Publish("""{"message_type":"task_execute","data":{}}""");

        await Eventually.Until(async () => await redis.GetDatabase().ListLengthAsync(deadLetterKey) == 2, "two dead letters");
        var newest = JsonNode.Parse((string)(await redis.GetDatabase().ListGetByIndexAsync(deadLetterKey, 0))!)!;
        Assert.Equal("no readable task_id", (string?)newest["reason"]);
        Assert.Equal(Channels.Tasks, (string?)newest["channel"]);
        Assert.Contains("task_execute", (string?)newest["excerpt"], StringComparison.Ordinal);

        var taskId = SeedMessages.NewTaskId();
        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        Assert.Equal("task_completed", (await Platform.WaitForResult(taskId)).MessageType);
    }

    [Fact]
    public async Task The_engine_ignores_its_own_status_echo_and_acts_on_a_platform_cancel()
    {
        var taskId = SeedMessages.NewTaskId();
        await Platform.PublishStatus(new JsonObject
        {
            ["message_type"] = "task_status_update",
            ["task_id"] = taskId,
            ["timestamp"] = "2025-06-14T05:52:15.123456Z",
            ["source"] = "ai_engine",
            ["data"] = new JsonObject { ["status"] = "CANCELLED" },
        });
        await Platform.Publish(SeedMessages.TaskExecute(taskId));

        Assert.Equal("task_completed", (await Platform.WaitForResult(taskId)).MessageType);
    }

    [Fact]
    public async Task Invalid_utf8_inside_input_data_is_answered_with_invalid_input_naming_the_field()
    {
        var taskId = SeedMessages.NewTaskId();
        var text = SeedMessages.TaskExecute(taskId, m => m.Data()["input_data"]!["description"] = "caf@@").ToJsonString();
        var at = text.IndexOf("@@", StringComparison.Ordinal);
        var body = System.Text.Encoding.UTF8.GetBytes(text);
        body[at] = 0xC3;
        body[at + 1] = 0x28; // not a continuation byte

        await PublishBytes(body);

        var failed = await Platform.WaitForResult(taskId);
        Assert.Equal("invalid_input", (string?)failed.Data["error_type"]);
        Assert.False((bool)failed.Data["retry_possible"]!);
        Assert.Equal("input_data.description", (string?)Assert.Single(failed.Data["validation_errors"]!.AsArray())!["field"]);
    }

    [Fact]
    public async Task A_nul_escape_anywhere_is_answered_with_invalid_input_and_nothing_is_stored()
    {
        var taskId = SeedMessages.NewTaskId();
        await Platform.Publish(SeedMessages.TaskExecute(taskId, m => m.Data()["input_data"]!["files"] = new JsonArray("a", new JsonObject { ["content"] = "x\0y" })));

        var failed = await Platform.WaitForResult(taskId);

        Assert.Equal("invalid_input", (string?)failed.Data["error_type"]);
        Assert.False((bool)failed.Data["retry_possible"]!);
        Assert.Equal("input_data.files[1].content", (string?)Assert.Single(failed.Data["validation_errors"]!.AsArray())!["field"]);
        Assert.Null(await _engine.Tasks.Find(taskId, CancellationToken.None));
    }

    [Fact]
    public async Task A_task_id_longer_than_its_column_is_answered_with_invalid_input_naming_task_id()
    {
        var taskId = SeedMessages.NewTaskId() + new string('x', 512);
        await Platform.Publish(SeedMessages.TaskExecute(taskId));

        var failed = await Platform.WaitForResult(taskId);

        Assert.Equal("invalid_input", (string?)failed.Data["error_type"]);
        Assert.Equal("task_id", (string?)Assert.Single(failed.Data["validation_errors"]!.AsArray())!["field"]);
    }

    [Fact]
    public async Task A_task_id_that_is_not_utf8_is_kept_as_a_dead_letter_and_the_engine_goes_on()
    {
        var redis = await TestServers.RedisConnection();
        var deadLetterKey = new RedisKey(Channels.Tasks + ":dead_letters");
        var body = System.Text.Encoding.UTF8.GetBytes(SeedMessages.TaskExecute("bad_@_id").ToJsonString());
        body[Array.IndexOf(body, (byte)'@')] = 0xFF;

        await PublishBytes(body);

        await Eventually.Until(async () => await redis.GetDatabase().ListLengthAsync(deadLetterKey) == 1, "a dead letter");
        var kept = JsonNode.Parse((string)(await redis.GetDatabase().ListGetByIndexAsync(deadLetterKey, 0))!)!;
        Assert.Contains("task_id", (string?)kept["reason"], StringComparison.Ordinal);

        var taskId = SeedMessages.NewTaskId();
        await Platform.Publish(SeedMessages.TaskExecute(taskId));
        Assert.Equal("task_completed", (await Platform.WaitForResult(taskId)).MessageType);
    }

    [Fact]
    public async Task A_request_the_database_refuses_for_its_data_is_answered_invalid_input_not_retryable()
    {
        // Valid JSON the engine's checks pass, but more than PostgreSQL's numeric can hold (22003, a data exception).
        var taskId = SeedMessages.NewTaskId();
        var text = SeedMessages.TaskExecute(taskId, m => m.Data()["input_data"]!["n"] = "@@N@@").ToJsonString();
        await Platform.Publish(text.Replace("\"@@N@@\"", "1e1000000", StringComparison.Ordinal));

        var failed = await Platform.WaitForResult(taskId);

        Assert.Equal("invalid_input", (string?)failed.Data["error_type"]);
        Assert.False((bool)failed.Data["retry_possible"]!);
        Assert.Contains("22003", (string?)failed.Data["error_message"], StringComparison.Ordinal);
    }

    private async Task PublishBytes(byte[] body)
    {
        var redis = await TestServers.RedisConnection();
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(Channels.Tasks), body);
    }
}
