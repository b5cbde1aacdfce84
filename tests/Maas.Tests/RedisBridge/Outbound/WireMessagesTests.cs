using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Maas.Contracts.Messages;
using Maas.Contracts.Wire;
using Maas.RedisBridge.Outbound;

namespace Maas.Tests.RedisBridge.Outbound;

/// <summary>Every message the engine publishes carries what the platform's validator requires, in the seed's shape.</summary>
public sealed class WireMessagesTests
{
    private const string TaskId = "code_generation_a4e953b2_20250613_050638";
    private const string AgentId = "code_generator_658e1617";

    private const string RequestKey = "2025-06-14T05:51:38.986513Z";

    private static readonly DateTimeOffset At = new(2025, 6, 14, 5, 53, 28, TimeSpan.Zero);

    [Fact]
    public void Writes_a_status_update_with_the_envelope_and_its_status()
    {
        var json = Write(WireMessages.StatusUpdate(new TaskStatusChanged
        {
            TaskId = TaskId,
            Status = TaskStatuses.InProgress,
            ProgressPercentage = 45,
            CurrentStep = "Generating code structure",
            AgentId = AgentId,
            EstimatedCompletion = At.AddMinutes(1),
            Timestamp = At,
        }), WireJsonContext.Default.WireMessageTaskStatusUpdateData);

        AssertEnvelope(json, MessageTypes.TaskStatusUpdate);
        Assert.Equal(
            ["agent_id", "current_step", "estimated_completion", "progress_percentage", "status"],
            Keys(json["data"]));
        Assert.Equal(TaskStatuses.InProgress, (string?)json["data"]!["status"]);
        Assert.Equal(45, (int?)json["data"]!["progress_percentage"]);
        Assert.Equal("2025-06-14T05:54:28.000000Z", (string?)json["data"]!["estimated_completion"]);
    }

    [Fact]
    public void Writes_a_bare_status_update_with_only_the_status()
    {
        var json = Write(
            WireMessages.StatusUpdate(new TaskStatusChanged { TaskId = TaskId, Status = TaskStatuses.Queued, Timestamp = At }),
            WireJsonContext.Default.WireMessageTaskStatusUpdateData);

        AssertEnvelope(json, MessageTypes.TaskStatusUpdate);
        Assert.Equal(["status"], Keys(json["data"]));
    }

    [Fact]
    public void Writes_a_completion_with_exactly_the_seeds_data_keys()
    {
        var json = Write(WireMessages.Completed(new TaskCompleted
        {
            TaskId = TaskId,
            AgentId = AgentId,
            OutputData = """{"code":"print('Hello, World!')","language":"python","test_cases":[{"input":"","expected_output":"Hello, World!"}]}""",
            ExecutionTimeSeconds = 73,
            TokensUsed = 157,
            ModelUsed = "gemini-2.0-flash",
            CostEstimate = 0.0023m,
            CompletedAt = At,
        }), WireJsonContext.Default.WireMessageTaskCompletedData);

        AssertEnvelope(json, MessageTypes.TaskCompleted);
        var data = json["data"]!;
        Assert.Equal(["agent_id", "execution_time_seconds", "metadata", "output_data", "status"], Keys(data));
        Assert.Equal(["cost_estimate", "model_used", "tokens_used"], Keys(data["metadata"]));
        Assert.Equal(TaskStatuses.Completed, (string?)data["status"]);
        Assert.Equal(AgentId, (string?)data["agent_id"]);
        Assert.Equal("73", data["execution_time_seconds"]!.ToJsonString());
        Assert.Equal("0.0023", data["metadata"]!["cost_estimate"]!.ToJsonString());
        Assert.Equal("Hello, World!", (string?)data["output_data"]!["test_cases"]![0]!["expected_output"]);
    }

    [Fact]
    public void Writes_a_failure_with_the_fields_the_platform_requires()
    {
        var json = Write(WireMessages.Failed(Failure(ErrorTypes.SystemError) with { RetryPossible = true }), WireJsonContext.Default.WireMessageTaskFailedData);

        AssertEnvelope(json, MessageTypes.TaskFailed);
        var data = json["data"]!;
        Assert.Equal(TaskStatuses.Failed, (string?)data["status"]);
        Assert.Equal(ErrorTypes.SystemError, (string?)data["error_type"]);
        Assert.Equal("It broke", (string?)data["error_message"]);
        Assert.Equal((true, 3, 3), ((bool?)data["retry_possible"], (int?)data["retry_count"], (int?)data["max_retries"]));
    }

    [Fact]
    public void Writes_an_invalid_input_failure_as_not_retryable_with_validation_errors()
    {
        var json = Write(WireMessages.Failed(Failure(ErrorTypes.InvalidInput) with
        {
            RetryPossible = false,
            RetryCount = 0,
            ValidationErrors = [new ValidationError("input_data.description", "This field is required")],
        }), WireJsonContext.Default.WireMessageTaskFailedData);

        AssertInvalidInput(json);
    }

    [Fact]
    public void Writes_a_rejected_request_as_an_invalid_input_failure()
    {
        var json = Write(
            WireMessages.Rejected(TaskId, RequestKey, "Required field 'description' missing from input_data", [new ValidationError("input_data.description", "This field is required")], At),
            WireJsonContext.Default.WireMessageTaskFailedData);

        AssertEnvelope(json, MessageTypes.TaskFailed);
        AssertInvalidInput(json);
        Assert.Equal("Required field 'description' missing from input_data", (string?)json["data"]!["error_message"]);
    }

    [Fact]
    public void Writes_an_agent_timeout_with_the_agent_and_the_timeout_in_error_details()
    {
        var json = Write(WireMessages.Failed(Failure(ErrorTypes.AgentTimeout) with
        {
            TimeoutDuration = 300,
            ErrorDetails = """{"last_response_time":"2025-06-14T05:47:45.567890Z"}""",
        }), WireJsonContext.Default.WireMessageTaskFailedData);

        var data = json["data"]!;
        Assert.Equal(ErrorTypes.AgentTimeout, (string?)data["error_type"]);
        Assert.Equal(300, (int?)data["timeout_duration"]);
        Assert.Equal(AgentId, (string?)data["error_details"]!["agent_id"]);
        Assert.Equal(300, (int?)data["error_details"]!["timeout_duration"]);
        Assert.Equal("2025-06-14T05:47:45.567890Z", (string?)data["error_details"]!["last_response_time"]);
    }

    [Fact]
    public void Keeps_the_agent_and_timeout_already_in_error_details()
    {
        var json = Write(WireMessages.Failed(Failure(ErrorTypes.AgentTimeout) with
        {
            TimeoutDuration = 300,
            ErrorDetails = """{"agent_id":"other_agent","timeout_duration":120}""",
        }), WireJsonContext.Default.WireMessageTaskFailedData);

        Assert.Equal("other_agent", (string?)json["data"]!["error_details"]!["agent_id"]);
        Assert.Equal(120, (int?)json["data"]!["error_details"]!["timeout_duration"]);
    }

    [Fact]
    public void Writes_a_system_error_as_retryable_with_system_details()
    {
        var json = Write(
            WireMessages.SystemError(TaskId, RequestKey, "Database connection lost during task processing", new SystemDetails("database", "connection_timeout"), At),
            WireJsonContext.Default.WireMessageTaskFailedData);

        AssertEnvelope(json, MessageTypes.TaskFailed);
        var data = json["data"]!;
        Assert.Equal(["error_message", "error_type", "retry_possible", "status", "system_details"], Keys(data));
        Assert.Equal((TaskStatuses.Failed, ErrorTypes.SystemError, true), ((string?)data["status"], (string?)data["error_type"], (bool?)data["retry_possible"]));
        Assert.Equal("database", (string?)data["system_details"]!["component"]);
        Assert.Equal("connection_timeout", (string?)data["system_details"]!["error_code"]);
    }

    [Fact]
    public void Gives_a_result_rebuilt_from_its_row_the_message_id_of_the_one_first_published()
    {
        // PostgreSQL keeps microseconds: the row gives back the finish time without its last tick digit.
        var finished = At.AddTicks(1234567);
        var fromRow = At.AddTicks(1234560);

        Assert.Equal(
            WireMessages.Failed(Failure(ErrorTypes.SystemError) with { FailedAt = finished }).MessageId,
            WireMessages.Failed(Failure(ErrorTypes.SystemError) with { FailedAt = fromRow }).MessageId);
        Assert.Equal(
            WireMessages.Completed(Completion(finished)).MessageId,
            WireMessages.Completed(Completion(fromRow)).MessageId);
    }

    [Fact]
    public void Gives_each_run_and_each_kind_of_message_its_own_message_id()
    {
        var ids = new[]
        {
            WireMessages.Completed(Completion(At)).MessageId,
            WireMessages.Completed(Completion(At.AddSeconds(1))).MessageId,
            WireMessages.Completed(Completion(At) with { TaskId = TaskId + "x" }).MessageId,
            WireMessages.Failed(Failure(ErrorTypes.SystemError)).MessageId,
            WireMessages.Rejected(TaskId, RequestKey, "x", [], At).MessageId,
            WireMessages.Rejected(TaskId, "2025-06-14T05:51:39.000000Z", "x", [], At).MessageId,
            WireMessages.StatusUpdate(new TaskStatusChanged { TaskId = TaskId, Status = TaskStatuses.Queued, Timestamp = At }).MessageId,
            WireMessages.StatusUpdate(new TaskStatusChanged { TaskId = TaskId, Status = TaskStatuses.InProgress, Timestamp = At }).MessageId,
            WireMessages.StatusUpdate(new TaskStatusChanged { TaskId = TaskId, Status = TaskStatuses.InProgress, ProgressPercentage = 40, Timestamp = At }).MessageId,
            WireMessages.StatusUpdate(new TaskStatusChanged { TaskId = TaskId, Status = TaskStatuses.InProgress, Timestamp = At.AddSeconds(30) }).MessageId,
        };

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Answers_one_request_with_one_message_id_whenever_and_wherever_it_is_answered()
    {
        var first = WireMessages.SystemError(TaskId, RequestKey, "Database away", new SystemDetails("database", "connection_refused"), At);
        var second = WireMessages.SystemError(TaskId, RequestKey, "Database away", new SystemDetails("database", "connection_refused"), At.AddSeconds(3));

        Assert.Equal(first.MessageId, second.MessageId);
    }

    private static TaskCompleted Completion(DateTimeOffset at) => new()
    {
        TaskId = TaskId,
        AgentId = AgentId,
        OutputData = "{}",
        ExecutionTimeSeconds = 1,
        CompletedAt = at,
    };

    private static TaskFailed Failure(string errorType) => new()
    {
        TaskId = TaskId,
        AgentId = AgentId,
        ErrorType = errorType,
        ErrorMessage = "It broke",
        RetryPossible = false,
        RetryCount = 3,
        MaxRetries = 3,
        FailedAt = At,
    };

    private static void AssertInvalidInput(JsonNode json)
    {
        var data = json["data"]!;
        Assert.Equal((TaskStatuses.Failed, ErrorTypes.InvalidInput, false), ((string?)data["status"], (string?)data["error_type"], (bool?)data["retry_possible"]));
        Assert.False(string.IsNullOrEmpty((string?)data["error_message"]));
        var error = Assert.Single(data["validation_errors"]!.AsArray())!;
        Assert.Equal(["error", "field"], Keys(error));
        Assert.Equal("input_data.description", (string?)error["field"]);
        Assert.Equal("This field is required", (string?)error["error"]);
    }

    private static void AssertEnvelope(JsonNode json, string messageType)
    {
        Assert.Equal(["data", "message_id", "message_type", "source", "task_id", "timestamp"], Keys(json));
        Assert.True(Guid.TryParseExact((string?)json["message_id"], "D", out _), json.ToJsonString());
        Assert.Equal(messageType, (string?)json["message_type"]);
        Assert.Equal(TaskId, (string?)json["task_id"]);
        Assert.Equal(MessageSources.Engine, (string?)json["source"]);
        Assert.Equal("2025-06-14T05:53:28.000000Z", (string?)json["timestamp"]);
    }

    private static JsonNode Write<T>(T message, JsonTypeInfo<T> typeInfo) =>
        JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(message, typeInfo))!;

    private static string[] Keys(JsonNode? node) => [.. node!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)];
}
