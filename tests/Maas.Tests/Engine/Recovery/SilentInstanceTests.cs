using Maas.Engine;
using Maas.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Maas.Tests.Engine.Recovery;

/// <summary>Every start of the engine adds a heartbeat row; the sweeper removes those of instances silent for a day.</summary>
public sealed class SilentInstanceTests : WireTest
{
    [Fact]
    public async Task The_heartbeat_rows_of_instances_silent_for_a_day_are_removed_and_recent_ones_kept()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?> { ["RECOVERY_INTERVAL_SECONDS"] = "0.5" });
        var owner = engine.Services.GetRequiredService<IOptions<EngineOptions>>().Value.Owner;
        Assert.Equal(2, await Database.Scalar<long>(
            """
            WITH added AS (
              INSERT INTO ai_engine.engine_instance (instance_id, started_at, last_seen_at) VALUES
                ('gone@1', now() - interval '3 days', now() - interval '25 hours'),
                ('stopped-lately@1', now() - interval '3 days', now() - interval '23 hours')
              RETURNING 1)
            SELECT count(*) FROM added
            """));

        await Eventually.Until(async () => await Database.Scalar<long>("SELECT count(*) FROM ai_engine.engine_instance WHERE instance_id = 'gone@1'") == 0,
            "the row of the instance silent for 25 hours removed");

        Assert.Equal(1, await Database.Scalar<long>("SELECT count(*) FROM ai_engine.engine_instance WHERE instance_id = 'stopped-lately@1'"));
        Assert.Equal(1, await Database.Scalar<long>("SELECT count(*) FROM ai_engine.engine_instance WHERE instance_id = $1", owner));
    }
}
