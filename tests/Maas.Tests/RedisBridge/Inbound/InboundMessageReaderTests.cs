using System.Text;
using System.Text.Json.Nodes;
using Maas.Contracts.Wire;
using Maas.RedisBridge.Inbound;

namespace Maas.Tests.RedisBridge.Inbound;

/// <summary>What the bridge makes of each kind of message it may receive.</summary>
public sealed class InboundMessageReaderTests
{
    private const string SeedTaskId = "code_generation_a4e953b2_20250613_050638";
    private const int MaxBytes = 1024 * 1024;

    private static readonly DateTimeOffset Now = new(2025, 6, 14, 5, 51, 40, TimeSpan.Zero);

    [Fact]
    public void Reads_the_seed_task_execute_with_every_field()
    {
        var seed = SeedExecute();

        var command = Assert.IsType<InboundMessage.Execute>(Read(seed)).Command;

        Assert.Equal(SeedTaskId, command.TaskId);
        Assert.Equal("code_generation", command.TaskType);
        Assert.Equal("615dfdb3-1051-449e-b858-e4ea9220837a", command.EnvironmentId);
        Assert.Equal("code_generator_658e1617", command.AgentId);
        Assert.True(JsonNode.DeepEquals(seed["data"]!["input_data"], JsonNode.Parse(command.InputData)), command.InputData);
        Assert.Equal(300, command.TimeoutSeconds);
        Assert.Equal(3, command.MaxRetries);
        Assert.Equal("normal", command.Priority);
        Assert.Equal(Now, command.ReceivedAt);
    }

    [Fact]
    public void Reads_an_absent_agent_id_as_null_so_the_engine_chooses_one()
    {
        var message = SeedExecute();
        message["data"]!.AsObject().Remove("agent_id");

        var command = Assert.IsType<InboundMessage.Execute>(Read(message)).Command;

        Assert.Null(command.AgentId);
    }

    [Fact]
    public void Reads_an_absent_or_null_configuration_as_the_engine_defaults()
    {
        var absent = SeedExecute();
        absent["data"]!.AsObject().Remove("configuration");
        var nulled = SeedExecute();
        nulled["data"]!["configuration"] = null;

        foreach (var message in new[] { absent, nulled })
        {
            var command = Assert.IsType<InboundMessage.Execute>(Read(message)).Command;
            Assert.Equal((null, null, null), (command.TimeoutSeconds, command.MaxRetries, command.Priority));
        }
    }

    [Fact]
    public void Reads_a_message_without_source_or_timestamp()
    {
        var message = SeedExecute().AsObject();
        message.Remove("source");
        message.Remove("timestamp");

        Assert.IsType<InboundMessage.Execute>(Read(message));
    }

    [Fact]
    public void Ignores_the_engines_own_echo()
    {
        var message = SeedExecute();
        message["source"] = MessageSources.Engine;

        Assert.IsType<InboundMessage.Ignored>(Read(message));
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("")]
    [InlineData("[{\"task_id\": \"t1\"}]")]
    [InlineData("\"task_id\"")]
    [InlineData("{\"message_type\": \"task_execute\", \"data\": {}}")]
    [InlineData("{\"message_type\": \"task_execute\", \"task_id\": 42}")]
    [InlineData("{\"message_type\": \"task_execute\", \"task_id\": \"  \"}")]
    public void Cannot_answer_what_is_not_a_json_object_with_a_task_id(string body)
    {
        Assert.IsType<InboundMessage.Unreadable>(InboundMessageReader.Read(Encoding.UTF8.GetBytes(body), MaxBytes, Now));
    }

    [Theory]
    [InlineData("data", "data")]
    [InlineData("task_type", "task_type")]
    [InlineData("environment_id", "environment_id")]
    [InlineData("input_data", "input_data")]
    public void Names_a_missing_required_field(string removed, string field)
    {
        var message = SeedExecute();
        (removed == "data" ? message.AsObject() : message["data"]!.AsObject()).Remove(removed);

        var invalid = Assert.IsType<InboundMessage.Invalid>(Read(message));

        Assert.Equal(SeedTaskId, invalid.TaskId);
        Assert.Equal(new ValidationError(field, "This field is required"), Assert.Single(invalid.Errors));
        Assert.Equal($"Required field '{field}' missing", invalid.ErrorMessage);
    }

    [Theory]
    [InlineData("\"generate a hello world program\"")]
    [InlineData("[]")]
    [InlineData("42")]
    public void Requires_input_data_to_be_an_object(string inputData)
    {
        var message = SeedExecute();
        message["data"]!["input_data"] = JsonNode.Parse(inputData);

        var invalid = Assert.IsType<InboundMessage.Invalid>(Read(message));

        Assert.Equal(new ValidationError("input_data", "Must be an object"), Assert.Single(invalid.Errors));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("\"300\"")]
    [InlineData("2.5")]
    [InlineData("99999999999")]
    public void Requires_the_timeout_to_be_a_positive_whole_number(string timeout)
    {
        var message = SeedExecute();
        message["data"]!["configuration"]!["timeout"] = JsonNode.Parse(timeout);

        var invalid = Assert.IsType<InboundMessage.Invalid>(Read(message));

        Assert.Equal("configuration.timeout", Assert.Single(invalid.Errors).Field);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("\"3\"")]
    public void Requires_max_retries_to_be_a_whole_number_not_below_zero(string maxRetries)
    {
        var message = SeedExecute();
        message["data"]!["configuration"]!["max_retries"] = JsonNode.Parse(maxRetries);

        var invalid = Assert.IsType<InboundMessage.Invalid>(Read(message));

        Assert.Equal("configuration.max_retries", Assert.Single(invalid.Errors).Field);
    }

    [Fact]
    public void Accepts_zero_retries_and_each_known_priority_in_any_case()
    {
        foreach (var priority in new[] { "low", "normal", "HIGH", "Urgent" })
        {
            var message = SeedExecute();
            message["data"]!["configuration"]!["max_retries"] = 0;
            message["data"]!["configuration"]!["priority"] = priority;

            var command = Assert.IsType<InboundMessage.Execute>(Read(message)).Command;

            Assert.Equal((0, priority), (command.MaxRetries, command.Priority));
        }
    }

    [Theory]
    [InlineData("\"critical\"")]
    [InlineData("1")]
    public void Refuses_an_unknown_priority(string priority)
    {
        var message = SeedExecute();
        message["data"]!["configuration"]!["priority"] = JsonNode.Parse(priority);

        var invalid = Assert.IsType<InboundMessage.Invalid>(Read(message));

        Assert.Equal("configuration.priority", Assert.Single(invalid.Errors).Field);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("1718344298")]
    public void Names_the_envelope_timestamp_when_it_is_not_iso_8601(string timestamp)
    {
        var message = SeedExecute();
        message["timestamp"] = JsonNode.Parse(timestamp);

        var invalid = Assert.IsType<InboundMessage.Invalid>(Read(message));

        Assert.Equal(new ValidationError("timestamp", "Must be an ISO-8601 timestamp"), Assert.Single(invalid.Errors));
    }

    [Fact]
    public void Collects_every_error_at_once()
    {
        var message = SeedExecute();
        message["timestamp"] = "not a time";
        var data = message["data"]!.AsObject();
        data.Remove("task_type");
        data["environment_id"] = "";
        data["agent_id"] = 7;
        data["input_data"] = "text";
        data["configuration"] = new JsonObject { ["timeout"] = -5, ["max_retries"] = "three", ["priority"] = "asap" };

        var invalid = Assert.IsType<InboundMessage.Invalid>(Read(message));

        Assert.Equal(
            ["timestamp", "task_type", "environment_id", "agent_id", "input_data", "configuration.timeout", "configuration.max_retries", "configuration.priority"],
            invalid.Errors.Select(e => e.Field));
        Assert.Equal("Field 'timestamp': Must be an ISO-8601 timestamp (and 7 more)", invalid.ErrorMessage);
    }

    [Fact]
    public void Names_message_type_when_it_is_unknown()
    {
        var message = SeedExecute();
        message["message_type"] = "task_explode";

        var invalid = Assert.IsType<InboundMessage.Invalid>(Read(message));

        Assert.Equal(SeedTaskId, invalid.TaskId);
        Assert.Equal("message_type", Assert.Single(invalid.Errors).Field);
        Assert.Contains("task_explode", invalid.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_message_type_when_it_is_missing()
    {
        var message = SeedExecute();
        message.AsObject().Remove("message_type");

        var invalid = Assert.IsType<InboundMessage.Invalid>(Read(message));

        Assert.Equal(new ValidationError("message_type", "This field is required"), Assert.Single(invalid.Errors));
    }

    [Fact]
    public void Cancels_a_task_when_the_platform_says_cancelled()
    {
        var message = StatusUpdate(TaskStatuses.Cancelled, MessageSources.Platform);
        message["data"]!["current_step"] = "User cancelled";

        var cancel = Assert.IsType<InboundMessage.Cancel>(Read(message));

        Assert.Equal(SeedTaskId, cancel.Command.TaskId);
        Assert.Equal("User cancelled", cancel.Command.Reason);
    }

    [Fact]
    public void Cancels_with_a_default_reason_when_the_platform_gives_none()
    {
        var cancel = Assert.IsType<InboundMessage.Cancel>(Read(StatusUpdate(TaskStatuses.Cancelled, MessageSources.Platform)));

        Assert.Equal("Cancelled by the platform", cancel.Command.Reason);
    }

    [Theory]
    [InlineData(TaskStatuses.Created)]
    [InlineData(TaskStatuses.Queued)]
    [InlineData(TaskStatuses.InProgress)]
    [InlineData(TaskStatuses.Completed)]
    [InlineData(TaskStatuses.Failed)]
    public void Ignores_other_statuses_from_the_platform(string status)
    {
        Assert.IsType<InboundMessage.Ignored>(Read(StatusUpdate(status, MessageSources.Platform)));
    }

    [Fact]
    public void Ignores_its_own_cancelled_status_echo()
    {
        Assert.IsType<InboundMessage.Ignored>(Read(StatusUpdate(TaskStatuses.Cancelled, MessageSources.Engine)));
    }

    [Fact]
    public void Refuses_an_oversized_message_naming_its_size_when_the_task_id_is_near_the_start()
    {
        var body = Encoding.UTF8.GetBytes($"{{\"task_id\":\"{SeedTaskId}\",\"message_type\":\"task_execute\",\"data\":{Filler(4000)}}}");

        var invalid = Assert.IsType<InboundMessage.Invalid>(InboundMessageReader.Read(body, 2048, Now));

        Assert.Equal(SeedTaskId, invalid.TaskId);
        Assert.Equal($"Message is {body.Length} bytes; the limit is 2048", invalid.ErrorMessage);
        Assert.Equal(new ValidationError("message", "Larger than 2048 bytes"), Assert.Single(invalid.Errors));
    }

    [Fact]
    public void Finds_the_task_id_of_an_oversized_message_after_small_nested_fields()
    {
        var body = Encoding.UTF8.GetBytes(
            $"{{\"message_type\":\"task_execute\",\"meta\":{{\"task_id\":\"nested\"}},\"tags\":[1,2],\"task_id\":\"{SeedTaskId}\",\"data\":{Filler(4000)}}}");

        var invalid = Assert.IsType<InboundMessage.Invalid>(InboundMessageReader.Read(body, 2048, Now));

        Assert.Equal(SeedTaskId, invalid.TaskId);
    }

    [Fact]
    public void Cannot_answer_an_oversized_message_without_a_task_id()
    {
        var body = Encoding.UTF8.GetBytes($"{{\"message_type\":\"task_execute\",\"data\":{Filler(4000)}}}");

        var unreadable = Assert.IsType<InboundMessage.Unreadable>(InboundMessageReader.Read(body, 2048, Now));

        Assert.Contains($"{body.Length} bytes", unreadable.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Cannot_answer_an_oversized_message_whose_task_id_comes_after_a_large_field()
    {
        var body = Encoding.UTF8.GetBytes($"{{\"message_type\":\"task_execute\",\"data\":{Filler(100_000)},\"task_id\":\"{SeedTaskId}\"}}");

        Assert.IsType<InboundMessage.Unreadable>(InboundMessageReader.Read(body, 2048, Now));
    }

    [Fact]
    public void Answers_a_huge_truncated_message_without_parsing_all_of_it()
    {
        // Two megabytes cut off mid-string: not valid JSON, yet the task id comes first and is answered.
        var prefix = Encoding.UTF8.GetBytes($"{{\"task_id\":\"{SeedTaskId}\",\"message_type\":\"task_execute\",\"data\":{{\"input_data\":{{\"description\":\"");
        var body = new byte[2 * 1024 * 1024];
        prefix.CopyTo(body, 0);
        body.AsSpan(prefix.Length).Fill((byte)'x');

        var invalid = Assert.IsType<InboundMessage.Invalid>(InboundMessageReader.Read(body, MaxBytes, Now));

        Assert.Equal(SeedTaskId, invalid.TaskId);
    }

    /// <summary>
    /// A small request cut short is answered like a huge one (above): platform-client-facts.md asks for an
    /// <c>invalid_input</c> answer whenever the task_id can be read.
    /// </summary>
    [Fact]
    public void Answers_a_small_truncated_message_whose_task_id_comes_first()
    {
        var body = Encoding.UTF8.GetBytes($"{{\"task_id\":\"{SeedTaskId}\",\"message_type\":\"task_execute\",\"data\":{{\"input_data\":{{\"descr");

        var invalid = Assert.IsType<InboundMessage.Invalid>(InboundMessageReader.Read(body, MaxBytes, Now));

        Assert.Equal(SeedTaskId, invalid.TaskId);
    }

    [Fact]
    public void Reads_a_message_of_exactly_the_limit()
    {
        var text = SeedExecute().ToJsonString();
        var body = Encoding.UTF8.GetBytes(text);

        Assert.IsType<InboundMessage.Execute>(InboundMessageReader.Read(body, body.Length, Now));
        Assert.IsType<InboundMessage.Invalid>(InboundMessageReader.Read(body, body.Length - 1, Now));
    }

    [Fact]
    public void Names_a_nul_escape_deep_inside_input_data_by_its_path()
    {
        var invalid = Assert.IsType<InboundMessage.Invalid>(ReadWith("""{"files":[{},{},{"content":"a\u0000b"}]}"""));

        Assert.Equal(SeedTaskId, invalid.TaskId);
        Assert.Equal(new ValidationError("input_data.files[2].content", TextScan.NulError), Assert.Single(invalid.Errors));
    }

    [Fact]
    public void Names_a_nul_escape_in_a_key_with_the_key_as_it_came()
    {
        var invalid = Assert.IsType<InboundMessage.Invalid>(ReadWith("""{"nested":{"bad\u0000key":1}}"""));

        Assert.Equal("input_data.nested[\"bad\\u0000key\"]", Assert.Single(invalid.Errors).Field);
    }

    [Fact]
    public void Names_a_nul_escape_in_an_array_of_arrays()
    {
        var invalid = Assert.IsType<InboundMessage.Invalid>(ReadWith("""{"rows":[[1,"x"],["y","\u0000"]]}"""));

        Assert.Equal("input_data.rows[1][1]", Assert.Single(invalid.Errors).Field);
    }

    [Fact]
    public void Names_a_raw_nul_byte_where_it_stands()
    {
        var body = Body("{\"description\":\"a", [0], "b\"}");

        var invalid = Assert.IsType<InboundMessage.Invalid>(InboundMessageReader.Read(body, MaxBytes, Now));

        Assert.Equal(SeedTaskId, invalid.TaskId);
        Assert.Equal(new ValidationError("input_data.description", TextScan.NulError), Assert.Single(invalid.Errors));
    }

    [Fact]
    public void Names_invalid_utf8_inside_input_data_instead_of_throwing()
    {
        var body = Body("{\"description\":\"caf", [0xC3, 0x28], "\"}");

        var invalid = Assert.IsType<InboundMessage.Invalid>(InboundMessageReader.Read(body, MaxBytes, Now));

        Assert.Equal(SeedTaskId, invalid.TaskId);
        Assert.Equal(new ValidationError("input_data.description", TextScan.Utf8Error), Assert.Single(invalid.Errors));
        Assert.Equal($"Field 'input_data.description': {TextScan.Utf8Error}", invalid.ErrorMessage);
    }

    [Fact]
    public void Names_invalid_utf8_in_a_key()
    {
        var body = Body("{\"k", [0xFF], "\":\"v\"}");

        var invalid = Assert.IsType<InboundMessage.Invalid>(InboundMessageReader.Read(body, MaxBytes, Now));

        Assert.Equal(new ValidationError("input_data[\"k\uFFFD\"]", TextScan.Utf8Error), Assert.Single(invalid.Errors));
    }

    [Fact]
    public void Names_an_unpaired_surrogate_escape()
    {
        var invalid = Assert.IsType<InboundMessage.Invalid>(ReadWith("""{"description":"\ud800 alone"}"""));

        Assert.Equal(new ValidationError("input_data.description", TextScan.SurrogateError), Assert.Single(invalid.Errors));
    }

    [Fact]
    public void Reads_escaped_unicode_and_an_escaped_backslash_before_u0000_as_plain_text()
    {
        var command = Assert.IsType<InboundMessage.Execute>(ReadWith("""{"description":"caf\u00e9 \ud83d\ude80 C:\\u0000"}""")).Command;

        Assert.Equal("café 🚀 C:\\u0000", (string?)JsonNode.Parse(command.InputData)!["description"]);
    }

    [Fact]
    public void Names_a_nul_in_an_envelope_field_bare()
    {
        var body = Encoding.UTF8.GetBytes(SeedExecute().ToJsonString().Replace("\"source\":", "\"trace\":\"\\u0000\",\"source\":", StringComparison.Ordinal));

        var invalid = Assert.IsType<InboundMessage.Invalid>(InboundMessageReader.Read(body, MaxBytes, Now));

        Assert.Equal("trace", Assert.Single(invalid.Errors).Field);
    }

    [Fact]
    public void Answers_a_task_id_with_a_nul_escape_naming_task_id()
    {
        var body = Encoding.UTF8.GetBytes(SeedExecute().ToJsonString().Replace(SeedTaskId, "task\\u0000id", StringComparison.Ordinal));

        var invalid = Assert.IsType<InboundMessage.Invalid>(InboundMessageReader.Read(body, MaxBytes, Now));

        Assert.Equal("task\0id", invalid.TaskId);
        Assert.Equal("task_id", Assert.Single(invalid.Errors).Field);
    }

    [Fact]
    public void Cannot_answer_a_task_id_that_is_not_valid_utf8()
    {
        var text = SeedExecute().ToJsonString();
        var at = text.IndexOf(SeedTaskId, StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(text);
        body[at + 3] = 0xFF;

        var unreadable = Assert.IsType<InboundMessage.Unreadable>(InboundMessageReader.Read(body, MaxBytes, Now));

        Assert.Contains("task_id", unreadable.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_at_most_sixteen_text_errors_and_counts_the_rest()
    {
        var fields = string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"f{i}\":\"\\u0000\""));

        var invalid = Assert.IsType<InboundMessage.Invalid>(ReadWith($"{{{fields}}}"));

        Assert.Equal(TextScan.MaxErrors, invalid.Errors.Count);
        Assert.EndsWith("(and 39 more)", invalid.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Collects_text_errors_with_the_other_errors()
    {
        var message = SeedExecute();
        message["data"]!.AsObject().Remove("environment_id");
        message["data"]!["input_data"]!["description"] = "a\0b";

        var invalid = Assert.IsType<InboundMessage.Invalid>(Read(message));

        Assert.Equal(["input_data.description", "environment_id"], invalid.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("task_id", RequestLimits.TaskId)]
    [InlineData("task_type", RequestLimits.TaskType)]
    [InlineData("environment_id", RequestLimits.EnvironmentId)]
    [InlineData("agent_id", RequestLimits.AgentId)]
    public void Refuses_a_field_longer_than_its_column_and_reads_one_of_exactly_its_length(string field, int limit)
    {
        InboundMessage With(string value)
        {
            var message = SeedExecute();
            (field == "task_id" ? message.AsObject() : message["data"]!.AsObject())[field] = value;
            return Read(message);
        }

        Assert.IsType<InboundMessage.Execute>(With(new string('x', limit)));
        var invalid = Assert.IsType<InboundMessage.Invalid>(With(new string('x', limit + 1)));
        Assert.Equal(new ValidationError(field, $"Longer than {limit} characters"), Assert.Single(invalid.Errors));
    }

    [Fact]
    public void Counts_a_character_outside_the_basic_plane_as_one_as_postgresql_does()
    {
        var message = SeedExecute();
        message["data"]!["task_type"] = string.Concat(Enumerable.Repeat("🚀", RequestLimits.TaskType));

        Assert.IsType<InboundMessage.Execute>(Read(message));
    }

    [Fact]
    public void Cancels_with_the_default_reason_when_the_reason_cannot_be_stored()
    {
        var message = StatusUpdate(TaskStatuses.Cancelled, MessageSources.Platform);
        message["data"]!["current_step"] = "stop\0now";

        var cancel = Assert.IsType<InboundMessage.Cancel>(Read(message));

        Assert.Equal("Cancelled by the platform", cancel.Command.Reason);
        Assert.Equal(new DateTimeOffset(2025, 6, 14, 5, 52, 15, 123, TimeSpan.Zero).AddTicks(4560), cancel.SentAt);
    }

    [Fact]
    public void Identifies_a_request_by_its_timestamp_as_sent_or_without_one_by_its_bytes()
    {
        var execute = Assert.IsType<InboundMessage.Execute>(Read(SeedExecute()));
        Assert.Equal((string?)SeedExecute()["timestamp"], execute.RequestKey);

        var untimed = SeedExecute();
        untimed.AsObject().Remove("timestamp");
        var first = Assert.IsType<InboundMessage.Execute>(Read(untimed)).RequestKey;
        Assert.Equal(first, Assert.IsType<InboundMessage.Execute>(Read(untimed)).RequestKey);
        Assert.StartsWith("sha256:", first, StringComparison.Ordinal);
    }

    // The seed's request with input_data replaced by the given JSON text.
    private static InboundMessage ReadWith(string inputData) =>
        InboundMessageReader.Read(Body(inputData, [], ""), MaxBytes, Now);

    // The seed's request with input_data made of text, raw bytes and text: for bytes no JSON writer would produce.
    private static byte[] Body(string before, byte[] raw, string after)
    {
        var message = SeedExecute();
        message["data"]!["input_data"] = "@@INPUT@@";
        var parts = message.ToJsonString().Split("\"@@INPUT@@\"");
        return [.. Encoding.UTF8.GetBytes(parts[0] + before), .. raw, .. Encoding.UTF8.GetBytes(after + parts[1])];
    }

    private static InboundMessage Read(JsonNode message) =>
        InboundMessageReader.Read(Encoding.UTF8.GetBytes(message.ToJsonString()), MaxBytes, Now);

    private static string Filler(int length) =>
        $"{{\"input_data\":{{\"description\":\"{new string('a', length)}\"}}}}";

    private static JsonObject StatusUpdate(string status, string source) => new JsonObject
    {
        ["message_type"] = MessageTypes.TaskStatusUpdate,
        ["task_id"] = SeedTaskId,
        ["timestamp"] = "2025-06-14T05:52:15.123456Z",
        ["source"] = source,
        ["data"] = new JsonObject { ["status"] = status },
    };

    private static JsonNode SeedExecute() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts", "Wire", "Examples", "task_execute.json")))!;
}
