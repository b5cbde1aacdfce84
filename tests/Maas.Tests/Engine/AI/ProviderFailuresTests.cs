using System.Text.Json.Nodes;
using Maas.Contracts.Wire;
using Maas.Engine.AI;

namespace Maas.Tests.Engine.AI;

/// <summary>The table of issue 8, item 5: each provider failure becomes one platform error, decided in one place.</summary>
public sealed class ProviderFailuresTests
{
    public static TheoryData<ProviderFailureKind, int?, double?, string, bool, int?, string?> Table => new()
    {
        // kind, status, Retry-After seconds -> error_type, retryable, retry_delay_seconds, system_details.error_code
        { ProviderFailureKind.Authentication, 401, null, ErrorTypes.AuthenticationError, false, null, null },
        { ProviderFailureKind.Authentication, 403, null, ErrorTypes.AuthenticationError, false, null, null },
        { ProviderFailureKind.RateLimited, 429, 7, ErrorTypes.ResourceExhausted, true, 7, null },
        { ProviderFailureKind.RateLimited, 429, 2.2, ErrorTypes.ResourceExhausted, true, 3, null },
        { ProviderFailureKind.RateLimited, 429, null, ErrorTypes.ResourceExhausted, true, ProviderFailures.DefaultRateLimitDelaySeconds, null },
        { ProviderFailureKind.Unavailable, 503, 4, ErrorTypes.AgentUnavailable, true, 4, null },
        { ProviderFailureKind.Unavailable, 500, null, ErrorTypes.AgentUnavailable, true, ProviderFailures.DefaultUnavailableDelaySeconds, null },
        { ProviderFailureKind.Unavailable, null, 30, ErrorTypes.AgentUnavailable, true, 30, null },
        { ProviderFailureKind.ModelNotFound, 404, null, ErrorTypes.AgentUnavailable, false, null, null },
        { ProviderFailureKind.InputRejected, 400, null, ErrorTypes.InvalidInput, false, null, null },
        { ProviderFailureKind.InputRejected, 422, null, ErrorTypes.InvalidInput, false, null, null },
        { ProviderFailureKind.StructuredOutputRejected, 400, null, ErrorTypes.SystemError, false, null, "structured_output_rejected" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Maps_each_provider_failure_to_the_platform_error(
        ProviderFailureKind kind, int? status, double? retryAfterSeconds, string errorType, bool retryable, int? retryDelaySeconds, string? systemErrorCode)
    {
        var failure = ProviderFailures.From(new ProviderException(kind, "openai", "refused")
        {
            StatusCode = status,
            RetryAfter = retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
            Model = "gpt-4o-mini",
        });

        Assert.Equal(errorType, failure.ErrorType);
        Assert.Equal(retryable, failure.Retryable);
        Assert.Equal(retryDelaySeconds, failure.RetryDelaySeconds);
        Assert.Equal(systemErrorCode, failure.SystemDetails?.ErrorCode);
        Assert.Equal("gpt-4o-mini", failure.ErrorDetails!["model"]!.GetValue<string>());
        Assert.Equal("openai", failure.ErrorDetails["provider"]!.GetValue<string>());
        Assert.Equal(status, failure.ErrorDetails["status_code"]?.GetValue<int>());
    }

    [Fact]
    public void A_missing_model_is_not_retried_by_anyone_and_names_the_model()
    {
        var report = ProviderFailures.From(new ProviderException(ProviderFailureKind.ModelNotFound, "ollama", "no model") { StatusCode = 404, Model = "llama9" })
            .ToAttemptFailed("task-1", 2);

        Assert.Equal(ErrorTypes.AgentUnavailable, report.ErrorType);
        Assert.False(report.Retryable);
        Assert.Null(report.RetryDelaySeconds);
        Assert.Equal("llama9", JsonNode.Parse(report.ErrorDetails!)!["model"]!.GetValue<string>());
        Assert.Equal(("task-1", 2), (report.TaskId, report.Attempt));
    }

    [Fact]
    public void A_deadline_passed_is_an_agent_timeout_with_the_last_response_time_as_in_the_seed()
    {
        var failure = ProviderFailures.Timeout("code_generator_openai", 300, new DateTimeOffset(2025, 6, 14, 5, 47, 45, 567, TimeSpan.Zero).AddTicks(8900));

        Assert.Equal(ErrorTypes.AgentTimeout, failure.ErrorType);
        Assert.True(failure.Retryable);
        Assert.Equal("code_generator_openai", failure.ErrorDetails!["agent_id"]!.GetValue<string>());
        Assert.Equal(300, failure.ErrorDetails["timeout_duration"]!.GetValue<int>());
        Assert.Equal("2025-06-14T05:47:45.567890Z", failure.ErrorDetails["last_response_time"]!.GetValue<string>());
    }

    [Fact]
    public void Output_still_invalid_after_repair_is_a_retryable_system_error_of_the_agent()
    {
        var failure = ProviderFailures.InvalidOutput("research_agent_openai", ["summary is required"]);

        Assert.Equal(ErrorTypes.SystemError, failure.ErrorType);
        Assert.True(failure.Retryable);
        Assert.Equal(new SystemDetails("agent", "invalid_output"), failure.SystemDetails);
    }
}
