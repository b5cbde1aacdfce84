using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Maas.Contracts.Wire;

namespace Maas.Tests.Contracts.Wire;

/// <summary>The wire types read and write the seed's example documents without losing or changing anything.</summary>
public sealed class WireContractsTests
{
    private const string SeedTimestamp = "2025-06-14T05:51:38.986513Z";

    [Fact]
    public void Round_trips_the_seed_task_execute_unchanged()
    {
        var original = Example("task_execute.json");

        var roundTripped = RoundTrip(original, WireJsonContext.Default.WireMessageTaskExecuteData);

        AssertDeepEqual(original, roundTripped);
        Assert.Equal("300", roundTripped["data"]!["configuration"]!["timeout"]!.ToJsonString());
    }

    [Fact]
    public void Round_trips_the_seed_task_status_update_unchanged()
    {
        var original = Example("task_status_update.json");

        var roundTripped = RoundTrip(original, WireJsonContext.Default.WireMessageTaskStatusUpdateData);

        AssertDeepEqual(original, roundTripped);
        Assert.Equal("2025-06-14T05:53:30.000000Z", (string?)roundTripped["data"]!["estimated_completion"]);
    }

    [Fact]
    public void Round_trips_the_seed_task_completed_unchanged_with_numbers_written_as_in_the_seed()
    {
        var original = Example("task_completed.json");

        var roundTripped = RoundTrip(original, WireJsonContext.Default.WireMessageTaskCompletedData);

        AssertDeepEqual(original, roundTripped);
        // DeepEquals compares numbers by value (73 equals 73.0), so the written text is checked as well.
        Assert.Equal("73", roundTripped["data"]!["execution_time_seconds"]!.ToJsonString());
        Assert.Equal("0.0023", roundTripped["data"]!["metadata"]!["cost_estimate"]!.ToJsonString());
        Assert.Equal("157", roundTripped["data"]!["metadata"]!["tokens_used"]!.ToJsonString());
    }

    [Fact]
    public void Round_trips_the_seed_task_failed_unchanged_including_error_details()
    {
        var original = Example("task_failed.json");

        var roundTripped = RoundTrip(original, WireJsonContext.Default.WireMessageTaskFailedData);

        AssertDeepEqual(original, roundTripped);
        Assert.Equal("2025-06-14T05:47:45.567890Z", (string?)roundTripped["data"]!["error_details"]!["last_response_time"]);
    }

    [Theory]
    [InlineData("failed_agent_unavailable.json")]
    [InlineData("failed_agent_timeout.json")]
    [InlineData("failed_invalid_input.json")]
    [InlineData("failed_system_error.json")]
    public void Round_trips_the_data_of_each_seed_error_type_as_task_failed_data(string file)
    {
        var original = Example(file);
        Assert.Equal(MessageTypes.TaskFailed, (string?)original["message_type"]);
        var data = original["data"]!;

        var read = data.Deserialize(WireJsonContext.Default.TaskFailedData);
        var written = JsonSerializer.SerializeToNode(read, WireJsonContext.Default.TaskFailedData);

        AssertDeepEqual(data, written);
    }

    [Fact]
    public void Reads_each_seed_error_type_into_its_named_fields()
    {
        var unavailable = Data("failed_agent_unavailable.json");
        var timeout = Data("failed_agent_timeout.json");
        var invalid = Data("failed_invalid_input.json");
        var system = Data("failed_system_error.json");

        Assert.Equal((ErrorTypes.AgentUnavailable, true, 60), (unavailable.ErrorType, unavailable.RetryPossible, unavailable.RetryDelaySeconds));
        Assert.Equal((ErrorTypes.AgentTimeout, 300), (timeout.ErrorType, timeout.TimeoutDuration));
        Assert.Equal(ErrorTypes.InvalidInput, invalid.ErrorType);
        Assert.False(invalid.RetryPossible);
        Assert.Equal(new ValidationError("input_data.description", "This field is required"), Assert.Single(invalid.ValidationErrors!));
        Assert.Equal(new SystemDetails("database", "connection_timeout"), system.SystemDetails);
        Assert.All([unavailable, timeout, invalid, system], data => Assert.Null(data.Extensions));
    }

    [Theory]
    [InlineData("2025-06-14T05:51:38.986513Z", "2025-06-14T05:51:38.986513Z")]
    [InlineData("2025-06-14T05:51:38.986513+00:00", "2025-06-14T05:51:38.986513Z")]
    [InlineData("2025-06-14T07:51:38.986513+02:00", "2025-06-14T05:51:38.986513Z")]
    [InlineData("2025-06-14T05:51:38Z", "2025-06-14T05:51:38.000000Z")]
    [InlineData("2025-06-14T05:51:38.5Z", "2025-06-14T05:51:38.500000Z")]
    [InlineData("2025-06-14T05:51:38.986513", "2025-06-14T05:51:38.986513Z")]
    [InlineData("2025-06-14T05:51:38", "2025-06-14T05:51:38.000000Z")]
    public void Reads_any_iso_timestamp_as_utc_and_writes_six_fraction_digits_and_z(string sent, string expected)
    {
        var message = Example("task_status_update.json");
        message["timestamp"] = sent;

        var read = message.Deserialize(WireJsonContext.Default.WireMessageTaskStatusUpdateData)!;
        var written = JsonSerializer.SerializeToNode(read, WireJsonContext.Default.WireMessageTaskStatusUpdateData)!;

        Assert.Equal(TimeSpan.Zero, read.Timestamp.Offset);
        Assert.Equal(expected, (string?)written["timestamp"]);
    }

    [Fact]
    public void Rejects_a_timestamp_that_is_not_one()
    {
        var message = Example("task_status_update.json");
        message["timestamp"] = "yesterday at noon";

        Assert.Throws<JsonException>(() => message.Deserialize(WireJsonContext.Default.WireMessageTaskStatusUpdateData));
    }

    [Fact]
    public void Writes_a_local_time_as_utc()
    {
        var message = new WireMessage<TaskStatusUpdateData>
        {
            MessageType = MessageTypes.TaskStatusUpdate,
            TaskId = "t",
            Timestamp = new DateTimeOffset(2025, 6, 14, 8, 51, 38, TimeSpan.FromHours(3)).AddTicks(9_865_130),
            Source = MessageSources.Engine,
            Data = new TaskStatusUpdateData { Status = TaskStatuses.InProgress },
        };

        var written = JsonSerializer.SerializeToNode(message, WireJsonContext.Default.WireMessageTaskStatusUpdateData)!;

        Assert.Equal(SeedTimestamp, (string?)written["timestamp"]);
        Assert.Equal(SeedTimestamp, UtcTimestampConverter.Format(message.Timestamp));
    }

    [Fact]
    public void Keeps_unknown_fields_of_the_envelope_data_and_configuration()
    {
        var original = Example("task_execute.json");
        original["trace_id"] = "abc-123";
        original["hops"] = new JsonArray(1, 2);
        original["data"]!["project"] = new JsonObject { ["name"] = "demo", ["tags"] = new JsonArray("a") };
        original["data"]!["configuration"]!["sandbox"] = true;

        var read = original.Deserialize(WireJsonContext.Default.WireMessageTaskExecuteData)!;
        var roundTripped = JsonSerializer.SerializeToNode(read, WireJsonContext.Default.WireMessageTaskExecuteData);

        Assert.Equal(["trace_id", "hops"], read.Extensions!.Keys);
        Assert.Equal(["project"], read.Data.Extensions!.Keys);
        AssertDeepEqual(original, roundTripped);
    }

    [Fact]
    public void Keeps_unknown_fields_of_completed_data_and_its_metadata()
    {
        var original = Example("task_completed.json");
        original["data"]!["warnings"] = new JsonArray("slow model");
        original["data"]!["metadata"]!["provider"] = "google";

        var roundTripped = RoundTrip(original, WireJsonContext.Default.WireMessageTaskCompletedData);

        AssertDeepEqual(original, roundTripped);
    }

    [Fact]
    public void Keeps_unknown_fields_of_status_and_failed_data()
    {
        var status = Example("task_status_update.json");
        status["data"]!["queue_position"] = 4;
        var failed = Example("task_failed.json");
        failed["data"]!["next_retry_at"] = "2025-06-14T06:00:00Z";

        AssertDeepEqual(status, RoundTrip(status, WireJsonContext.Default.WireMessageTaskStatusUpdateData));
        AssertDeepEqual(failed, RoundTrip(failed, WireJsonContext.Default.WireMessageTaskFailedData));
    }

    /// <summary>A null <c>message_id</c> is read as absent and not written: the platform's validator treats both alike.</summary>
    [Fact]
    public void Writes_a_null_message_id_as_absent()
    {
        var original = Example("task_execute.json");
        original["message_id"] = null;

        var read = original.Deserialize(WireJsonContext.Default.WireMessageTaskExecuteData)!;
        var roundTripped = JsonSerializer.SerializeToNode(read, WireJsonContext.Default.WireMessageTaskExecuteData)!.AsObject();

        Assert.Null(read.MessageId);
        Assert.Null(read.Extensions);
        Assert.False(roundTripped.ContainsKey("message_id"));
        original.AsObject().Remove("message_id");
        AssertDeepEqual(original, roundTripped);
    }

    [Fact]
    public void Keeps_a_message_id_that_has_a_value()
    {
        var original = Example("task_execute.json");
        original["message_id"] = "4f1e2d3c";

        var roundTripped = RoundTrip(original, WireJsonContext.Default.WireMessageTaskExecuteData);

        AssertDeepEqual(original, roundTripped);
    }

    [Fact]
    public void Writes_snake_case_property_names_and_leaves_nulls_out()
    {
        var message = new WireMessage<TaskStatusUpdateData>
        {
            MessageType = MessageTypes.TaskStatusUpdate,
            TaskId = "code_generation_a4e953b2_20250613_050638",
            Timestamp = DateTimeOffset.Parse("2025-06-14T05:52:15.123456Z", CultureInfo.InvariantCulture),
            Source = MessageSources.Engine,
            Data = new TaskStatusUpdateData
            {
                Status = TaskStatuses.InProgress,
                ProgressPercentage = 45,
                CurrentStep = "Generating code structure",
                AgentId = "code_generator_658e1617",
                EstimatedCompletion = DateTimeOffset.Parse("2025-06-14T05:53:30Z", CultureInfo.InvariantCulture),
            },
        };

        var written = JsonSerializer.SerializeToNode(message, WireJsonContext.Default.WireMessageTaskStatusUpdateData)!.AsObject();

        Assert.Equal(["data", "message_type", "source", "task_id", "timestamp"], written.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["agent_id", "current_step", "estimated_completion", "progress_percentage", "status"],
            written["data"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        AssertDeepEqual(Example("task_status_update.json"), written);
    }

    private static JsonNode RoundTrip<T>(JsonNode original, JsonTypeInfo<T> typeInfo)
    {
        var read = original.Deserialize(typeInfo);
        Assert.NotNull(read);
        var roundTripped = JsonSerializer.SerializeToNode(read, typeInfo);
        Assert.NotNull(roundTripped);
        return roundTripped;
    }

    private static void AssertDeepEqual(JsonNode? expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Expected {expected?.ToJsonString()}\nbut was  {actual?.ToJsonString()}");

    private static TaskFailedData Data(string file) =>
        Example(file)["data"].Deserialize(WireJsonContext.Default.TaskFailedData)!;

    private static JsonNode Example(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts", "Wire", "Examples", file)))!;
}
