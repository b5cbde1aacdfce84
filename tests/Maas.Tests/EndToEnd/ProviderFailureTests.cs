using Maas.Tests.Infrastructure;
using Maas.Tests.Infrastructure.Providers;

namespace Maas.Tests.EndToEnd;

/// <summary>
/// A real provider's refusal, from <c>task_execute</c> on Redis through the engine and a scripted OpenAI-compatible
/// server to the final <c>task_failed</c>: the error type, who may retry and after how long (issue 8, item 5).
/// </summary>
public sealed class ProviderFailureTests : OpenAIWireTest
{
    [Fact]
    public async Task Refused_credentials_fail_the_task_with_authentication_error_and_no_retry()
    {
        Server.Fallback = OpenAIServer.Unauthorized();

        var failed = await Run(maxRetries: 3);

        Assert.Equal("authentication_error", (string?)failed.Data["error_type"]);
        Assert.False((bool)failed.Data["retry_possible"]!);
        Assert.Equal(0, (int)failed.Data["retry_count"]!);
        Assert.Single(Server.Requests);
        Assert.DoesNotContain("sk-test-secret-key", failed.Message.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limit_fails_the_task_with_resource_exhausted_and_the_providers_retry_after()
    {
        Server.Fallback = OpenAIServer.RateLimited(TimeSpan.FromSeconds(120));

        var failed = await Run(maxRetries: 0);

        Assert.Equal("resource_exhausted", (string?)failed.Data["error_type"]);
        Assert.True((bool)failed.Data["retry_possible"]!);
        Assert.Equal(120, (int)failed.Data["retry_delay_seconds"]!);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task A_missing_model_fails_the_task_with_agent_unavailable_naming_the_model_and_no_retry()
    {
        Server.Fallback = OpenAIServer.ModelNotFound(Server.Model);

        var failed = await Run(maxRetries: 3);

        Assert.Equal("agent_unavailable", (string?)failed.Data["error_type"]);
        Assert.False((bool)failed.Data["retry_possible"]!);
        Assert.Equal(Server.Model, (string?)failed.Data["error_details"]!["model"]);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task A_provider_that_keeps_failing_fails_the_task_with_agent_unavailable_after_one_transport_retry()
    {
        Server.Fallback = OpenAIServer.ServerError(503);

        var failed = await Run(maxRetries: 0);

        Assert.Equal("agent_unavailable", (string?)failed.Data["error_type"]);
        Assert.True((bool)failed.Data["retry_possible"]!);
        Assert.NotNull(failed.Data["retry_delay_seconds"]);
        Assert.Equal(2, Server.Requests.Count);
    }

    private async Task<RedisListener.Received> Run(int maxRetries)
    {
        var settings = Server.Settings();
        foreach (var (key, value) in ProviderHost.FastTransport)
        {
            settings[key] = value;
        }

        await using var engine = await EngineApp.Start(Database, Channels, settings);
        var taskId = SeedMessages.NewTaskId();
        await Platform.Publish(SeedMessages.TaskExecute(taskId, m => m.Data()["configuration"]!["max_retries"] = maxRetries));

        var failed = await Platform.WaitForResult(taskId);

        Assert.Equal("task_failed", failed.MessageType);
        Assert.Empty(Server.Violations);
        Assert.Equal(maxRetries, (int)failed.Data["max_retries"]!);
        return failed;
    }
}
