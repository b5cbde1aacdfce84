using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maas.Tests.Infrastructure;

namespace Maas.Tests.EndToEnd;

/// <summary>The seed's example over the wire, on the channel names the platform really uses, as the platform sees it.</summary>
public sealed class SeedTaskTests : WireTest
{
    protected override Channels Channels => Channels.Platform;

    [Fact]
    public async Task The_seed_task_reports_in_progress_then_completes_in_the_seed_shape_and_survives_a_restart()
    {
        var taskId = SeedMessages.NewTaskId();
        await using (var engine = await EngineApp.Start(Database, Channels))
        {
            await Platform.Publish(SeedMessages.TaskExecute(taskId));

            var inProgress = await Platform.WaitFor(taskId, m => m.Status == "IN_PROGRESS", "IN_PROGRESS");
            var completed = await Platform.WaitForResult(taskId);

            Assert.Equal("task_status_update", inProgress.MessageType);
            Assert.Equal("ai_engine", (string?)inProgress.Message["source"]);
            Assert.Equal("code_generator_658e1617", (string?)inProgress.Data["agent_id"]);
            Assert.True(Platform.Messages.ToList().IndexOf(inProgress) < Platform.Messages.ToList().IndexOf(completed), "IN_PROGRESS comes before the result");

            Assert.Equal("task_completed", completed.MessageType);
            Assert.Equal(["data", "message_id", "message_type", "source", "task_id", "timestamp"], completed.Message.Select(p => p.Key).Order());
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$", (string?)completed.Message["timestamp"]);
            var data = completed.Data;
            Assert.Equal(["agent_id", "execution_time_seconds", "metadata", "output_data", "status"], data.Select(p => p.Key).Order());
            Assert.Equal("COMPLETED", (string?)data["status"]);
            Assert.Equal("code_generator_658e1617", (string?)data["agent_id"]);
            Assert.True((double)data["execution_time_seconds"]! >= 0);

            var output = data["output_data"]!.AsObject();
            Assert.Equal(["code", "dependencies", "explanation", "file_name", "language", "test_cases"], output.Select(p => p.Key).Order());
            Assert.Equal("print('Hello, World!')", (string?)output["code"]);
            Assert.Equal("python", (string?)output["language"]);
            Assert.Equal("hello_world.py", (string?)output["file_name"]);
            Assert.Equal("Hello, World!", (string?)output["test_cases"]![0]!["expected_output"]);

            var metadata = data["metadata"]!.AsObject();
            Assert.Equal("offline", (string?)metadata["model_used"]);
            Assert.True((long)metadata["tokens_used"]! > 0);
            Assert.Equal(0m, (decimal)metadata["cost_estimate"]!);
        }

        await using var restarted = await EngineApp.Start(Database, Channels);
        using var client = restarted.CreateClient();
        var details = await client.GetFromJsonAsync<JsonObject>($"/tasks/{taskId}");

        Assert.Equal("COMPLETED", (string?)details!["status"]);
        Assert.Equal("Completed", (string?)details["state"]);
        Assert.Equal(1, (int)details["attempts"]!);
        Assert.Equal("print('Hello, World!')", (string?)details["output_data"]!["code"]);
        Assert.NotNull(details["result_published_at"]);
    }

    [Fact]
    public async Task A_task_without_agent_id_runs_on_the_agent_for_its_type()
    {
        var taskId = SeedMessages.NewTaskId();
        await using var engine = await EngineApp.Start(Database, Channels);

        await Platform.Publish(SeedMessages.TaskExecute(taskId, m => m.Data().Remove("agent_id")));

        var completed = await Platform.WaitForResult(taskId);
        Assert.Equal("task_completed", completed.MessageType);
        Assert.Equal("code_generator_offline", (string?)completed.Data["agent_id"]);
    }

    [Fact]
    public async Task Unknown_task_ids_answer_404_with_a_problem_body()
    {
        await using var engine = await EngineApp.Start(Database, Channels);
        using var client = engine.CreateClient();

        var response = await client.GetAsync("/tasks/no_such_task");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(404, (int)problem!["status"]!);
        Assert.Contains("no_such_task", (string?)problem["detail"], StringComparison.Ordinal);
    }
}
