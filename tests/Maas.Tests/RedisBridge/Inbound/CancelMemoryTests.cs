using Maas.RedisBridge;
using Maas.RedisBridge.Inbound;
using Microsoft.Extensions.Options;

namespace Maas.Tests.RedisBridge.Inbound;

/// <summary>A cancel is remembered for its request, for a while, and only for requests sent before it.</summary>
public sealed class CancelMemoryTests
{
    private static readonly DateTimeOffset SentAt = new(2025, 6, 14, 5, 52, 0, TimeSpan.Zero);

    private readonly ManualClock _clock = new();

    [Fact]
    public void Cancels_a_request_sent_before_the_cancel_or_at_the_same_time()
    {
        var memory = Memory();
        memory.Remember("t1", SentAt, "User cancelled");

        Assert.Equal("User cancelled", memory.CancelFor("t1", SentAt.AddSeconds(-1)));
        Assert.Equal("User cancelled", memory.CancelFor("t1", SentAt));
        Assert.Null(memory.CancelFor("t2", SentAt));
    }

    [Fact]
    public void Lets_a_request_sent_after_the_cancel_run()
    {
        var memory = Memory();
        memory.Remember("t1", SentAt, "User cancelled");

        Assert.Null(memory.CancelFor("t1", SentAt.AddTicks(1)));
    }

    [Fact]
    public void Forgets_a_cancel_after_the_memory_time()
    {
        var memory = Memory(seconds: 300);
        memory.Remember("t1", SentAt, "User cancelled");

        _clock.Advance(TimeSpan.FromSeconds(299));
        Assert.NotNull(memory.CancelFor("t1", SentAt));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(memory.CancelFor("t1", SentAt));

        memory.Remember("t2", SentAt, "later");
        Assert.Equal(1, memory.Count);
    }

    [Fact]
    public void Keeps_the_newest_cancel_of_a_task()
    {
        var memory = Memory();
        memory.Remember("t1", SentAt.AddSeconds(10), "second");
        memory.Remember("t1", SentAt, "first, heard late");

        Assert.Equal("second", memory.CancelFor("t1", SentAt.AddSeconds(5)));
    }

    [Fact]
    public void Remembers_nothing_when_the_memory_time_is_zero()
    {
        var memory = Memory(seconds: 0);
        memory.Remember("t1", SentAt, "User cancelled");

        Assert.Null(memory.CancelFor("t1", SentAt));
    }

    [Fact]
    public void Holds_at_most_its_capacity_forgetting_the_oldest_first()
    {
        var memory = Memory();
        for (var i = 0; i <= CancelMemory.Capacity; i++)
        {
            memory.Remember($"t{i}", SentAt, "x");
        }

        Assert.Equal(CancelMemory.Capacity, memory.Count);
        Assert.Null(memory.CancelFor("t0", SentAt));
        Assert.NotNull(memory.CancelFor($"t{CancelMemory.Capacity}", SentAt));
    }

    private CancelMemory Memory(int seconds = 300) =>
        new(Options.Create(new RedisBridgeOptions { CancelMemorySeconds = seconds }), _clock);

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
