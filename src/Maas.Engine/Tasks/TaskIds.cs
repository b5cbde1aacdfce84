using Maas.Contracts;

namespace Maas.Engine.Tasks;

/// <summary>
/// Maps the platform's free-text task id to the saga's correlation id: a name-based (RFC 4122 version 5) GUID,
/// so every engine instance maps the same task to the same saga row without asking anyone.
/// </summary>
public static class TaskIds
{
    // Fixed for all time: changing it would orphan every saga row already stored.
    private static readonly Guid Namespace = new("6f1c4b7e-3a0d-5e8b-9c2f-41d7a8e0b5c3");

    public static Guid ToCorrelationId(string taskId) => NameBasedGuid.Create(Namespace, taskId);
}
