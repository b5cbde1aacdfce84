using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Maas.Tests.Infrastructure;
using StackExchange.Redis;

namespace Maas.Tests.Scripts;

/// <summary>
/// <c>scripts/publish-example.sh</c>, the README's walkthrough: run as a person runs it, against the test Redis, heard by
/// a subscriber on the channel it was told to use.
/// </summary>
public sealed class PublishExampleScriptTests
{
    [Fact]
    public async Task Publishes_the_seed_example_with_a_fresh_task_id_and_timestamp_each_time()
    {
        var channel = Channels.Unique().Tasks;
        var heard = await Subscribe(channel);

        var first = await RunScript("--channel", channel);
        var second = await RunScript("--channel", channel);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        await Eventually.Until(() => heard.Count == 2, "both messages on the channel");
        var messages = heard.ToArray();
        Assert.Equal([first.Output, second.Output], messages.Select(m => (string?)m["task_id"]));
        Assert.NotEqual(first.Output, second.Output);
        Assert.Matches(@"^code_generation_[0-9a-f]{8}_\d{8}_\d{6}$", first.Output);
        Assert.NotEqual((string?)messages[0]["timestamp"], (string?)messages[1]["timestamp"]);
        var seed = SeedMessages.TaskExecute(first.Output);
        foreach (var message in messages)
        {
            var sent = DateTimeOffset.Parse((string)message["timestamp"]!, CultureInfo.InvariantCulture);
            Assert.InRange(sent, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
            Assert.Equal("task_execute", (string?)message["message_type"]);
            Assert.Equal("maas_platform", (string?)message["source"]);
            Assert.True(JsonNode.DeepEquals(seed["data"], message["data"]), message.ToJsonString());
        }
    }

    [Fact]
    public async Task The_same_task_id_given_twice_is_published_twice_under_that_id()
    {
        var channel = Channels.Unique().Tasks;
        var heard = await Subscribe(channel);
        var taskId = SeedMessages.NewTaskId("again");

        Assert.Equal(0, (await RunScript("--channel", channel, "--task-id", taskId, "--task-type", "research", "--timeout", "5")).ExitCode);
        Assert.Equal(0, (await RunScript("--channel", channel, "--task-id", taskId, "--task-type", "research", "--timeout", "5")).ExitCode);

        await Eventually.Until(() => heard.Count == 2, "both messages on the channel");
        Assert.All(heard, m =>
        {
            Assert.Equal(taskId, (string?)m["task_id"]);
            Assert.Equal("research", (string?)m["data"]!["task_type"]);
            Assert.False(string.IsNullOrEmpty((string?)m["data"]!["input_data"]!["query"]));
            Assert.Equal(5, (int?)m["data"]!["configuration"]!["timeout"]);
        });
    }

    [Fact]
    public async Task Says_nobody_listens_and_exits_3_when_no_engine_is_on_the_channel()
    {
        var result = await RunScript("--channel", Channels.Unique().Tasks);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("nobody listens on", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_an_unknown_task_type_naming_the_ones_it_knows()
    {
        var result = await RunScript("--task-type", "poetry", "--print");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("code_generation, research, testing or documentation", result.Error, StringComparison.Ordinal);
    }

    private static async Task<ConcurrentQueue<JsonObject>> Subscribe(string channel)
    {
        var redis = await TestServers.RedisConnection();
        var heard = new ConcurrentQueue<JsonObject>();
        var queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel));
        queue.OnMessage(m => heard.Enqueue(JsonNode.Parse((string)m.Message!)!.AsObject()));
        return heard;
    }

    private sealed record ScriptRun(int ExitCode, string Output, string Error);

    private static async Task<ScriptRun> RunScript(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", "publish-example.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REDIS_URL"] = TestServers.RedisUrl;
        start.Environment.Remove("REDIS_TASK_CHANNEL");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(limit.Token);
        return new ScriptRun(process.ExitCode, (await output).Trim(), await error);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Maas.Bus.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Maas.Bus.sln above {AppContext.BaseDirectory}");
    }
}
