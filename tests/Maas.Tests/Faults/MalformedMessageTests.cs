using System.Globalization;
using System.Text.Json;
using Maas.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Maas.Tests.Faults;

/// <summary>
/// Ten thousand bad requests, sent as fast as Redis takes them, with valid tasks among them (some with odd but legal
/// ids): no valid task is harmed or lost, the engine stays up, every bad request that names a task is answered (and if
/// failed, as <c>invalid_input</c>), and every one that names none is dead-lettered.
/// </summary>
[Collection(FaultSuite.Name)]
public sealed class MalformedMessageTests(FaultServers servers, ITestOutputHelper output) : FaultScenario(servers, output)
{
    private const int PlainTasks = 200;
    private const int OddIdTasks = 200;

    [Fact]
    public async Task Ten_thousand_malformed_messages_among_valid_tasks_harm_no_valid_task()
    {
        var engine = await StartEngine("engine-malformed", new Dictionary<string, string> { ["REDIS_DEAD_LETTER_LIMIT"] = "20000" });
        var run = Guid.NewGuid().ToString("N")[..8];
        var malformed = MalformedMessages.Generate(run);
        var valid = Enumerable.Range(0, PlainTasks).Select(_ => ValidTask("among_malformed"))
            .Concat(MalformedMessages.OddButLegalTasks(run, OddIdTasks)).ToList();

        // Valid tasks spread evenly through the bad ones, so that they share the engine's batches with them; sent in
        // pipelined chunks, as fast as Redis takes them.
        var stride = malformed.Count / valid.Count;
        var sends = new List<(MalformedMessage? Bad, string? TaskId, Task<long> Receivers)>(malformed.Count + valid.Count);
        for (var i = 0; i < malformed.Count; i++)
        {
            sends.Add((malformed[i], null, Platform.Publish(malformed[i].Body)));
            if (i % stride == 0 && i / stride < valid.Count)
            {
                var (taskId, json) = valid[i / stride];
                sends.Add((null, taskId, Platform.Publish(json)));
            }

            if (i % 1000 == 999)
            {
                await Task.WhenAll(sends.Select(s => s.Receivers));
            }
        }

        await Task.WhenAll(sends.Select(s => s.Receivers));
        var unheard = sends.Count(s => s.Receivers.Result == 0);
        foreach (var (_, taskId, _) in sends.Where(s => s.TaskId is not null && s.Receivers.Result > 0))
        {
            Ledger.Add(taskId!);
        }

        var heard = sends.Where(s => s.Bad is not null && s.Receivers.Result > 0).Select(s => s.Bad!).ToList();
        var readable = heard.Where(m => m.ReadableTaskId is not null).ToList();
        try
        {
            // A final answer, not just a status: a valid request with a 100 KB description is queued at once and finishes later.
            await Eventually.Until(() => readable.All(m => Platform.HeardFinal(m.ReadableTaskId!)) && Ledger.TaskIds.All(Platform.Heard),
                "an answer to every request that names a task", TimeSpan.FromSeconds(45));
        }
        catch (TimeoutException)
        {
            // Some were never answered: counted and named below.
        }

        var unanswered = readable.Where(m => Platform.For(m.ReadableTaskId!).Finals.IsEmpty).ToList();
        var notInvalidInput = readable.Where(m => Platform.For(m.ReadableTaskId!).Finals.Any(f => f.Failed && f.ErrorType != "invalid_input")).ToList();
        var deadLetters = await Platform.Database.ListLengthAsync(Platform.DeadLetterKey);
        var unreadable = heard.Count - readable.Count;
        var notes = string.Create(CultureInfo.InvariantCulture,
            $"{malformed.Count:N0} malformed ({PlainTasks} plain and {OddIdTasks} odd-id valid tasks among them): {readable.Count - unanswered.Count:N0} of {readable.Count:N0} naming a task answered " +
            $"({notInvalidInput.Count:N0} failed other than as invalid_input: {ByKind(notInvalidInput)}), {unanswered.Count:N0} unanswered ({ByKind(unanswered)}); " +
            $"{deadLetters:N0} dead-lettered for {unreadable:N0} naming none{(unheard == 0 ? "" : $"; {unheard:N0} published while no engine listened (not counted)")}");
        await Survived("10,000 malformed messages among valid tasks", notes, TimeSpan.FromSeconds(20));

        Assert.False(engine.HasExited, "the engine exited");
        Assert.True(unheard == 0, $"{unheard} requests were published while the engine was not subscribed (did Redis drop it as a slow subscriber?)");
        Assert.True(unanswered.Count == 0, $"{unanswered.Count} requests naming a task got no answer, e.g.:\n" +
            string.Join('\n', unanswered.GroupBy(m => m.Kind).Select(g => $"  {g.Key}: {g.Count()}, e.g. {Excerpt(g.First().Body)}")));
        Assert.True(notInvalidInput.Count == 0, $"{notInvalidInput.Count} bad requests were failed as something other than invalid_input ({ByKind(notInvalidInput)})");
        Assert.True(deadLetters >= unreadable, $"{unreadable - deadLetters} requests naming no task were neither answered nor dead-lettered");
    }

    private static string ByKind(IEnumerable<MalformedMessage> messages)
    {
        var kinds = messages.GroupBy(m => m.Kind).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count():N0}")).ToList();
        return kinds.Count == 0 ? "none" : string.Join(", ", kinds);
    }

    private static string Excerpt(RedisValue body)
    {
        var text = JsonSerializer.Serialize(body.ToString());
        return text.Length <= 160 ? text : text[..160] + "...";
    }
}
