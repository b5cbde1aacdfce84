using Maas.Contracts.Messages;
using MassTransit;

namespace Maas.Engine.Persistence;

/// <summary>Notes that a task's final result reached Redis; <see cref="PublishedResultsWriter"/> records it in batches.</summary>
internal sealed class ResultPublishedConsumer(PublishedResultsWriter writer) : IConsumer<TaskResultPublished>
{
    public Task Consume(ConsumeContext<TaskResultPublished> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        writer.Add(context.Message);
        return Task.CompletedTask;
    }
}
