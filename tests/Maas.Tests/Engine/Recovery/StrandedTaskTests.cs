using Maas.Contracts.Wire;
using Maas.Engine;
using Maas.Engine.Persistence;
using Maas.Tests.Engine.Persistence;
using Maas.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Maas.Tests.Engine.Recovery;

/// <summary>
/// A task whose row says "queued, held by this instance" while no backlog or worker of the instance has it (its
/// hand-over was lost, as once under the fault suite's PostgreSQL restarts) is found by the instance's sweep and
/// queued again.
/// </summary>
public sealed class StrandedTaskTests : WireTest
{
    [Fact]
    public async Task A_task_queued_in_its_row_but_on_no_worker_is_queued_again_and_completes_once()
    {
        await using var engine = await EngineApp.Start(Database, Channels, new Dictionary<string, string?>
        {
            ["RECOVERY_INTERVAL_SECONDS"] = "0.5",
            ["ENGINE_INSTANCE_TTL_SECONDS"] = "2",
        });
        var taskId = SeedMessages.NewTaskId();
        var row = TaskRows.Queued(taskId);
        row.OwnerInstance = engine.Services.GetRequiredService<IOptions<EngineOptions>>().Value.Owner;
        row.UpdatedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        Assert.NotNull(await engine.Services.GetRequiredService<TaskStateStore>().Insert(row));

        var completed = await Platform.WaitForResult(taskId);

        Assert.Equal(MessageTypes.TaskCompleted, completed.MessageType);
        Assert.Equal(1, (await engine.Tasks.Find(taskId, CancellationToken.None))!.Attempt);
        Assert.Single(Platform.Results(taskId));
    }
}
