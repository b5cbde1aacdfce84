namespace Maas.Tests.Faults;

/// <summary>One <c>task_completed</c> or <c>task_failed</c> heard on the result channel.</summary>
internal sealed record FinalOnWire(string MessageType, string? ErrorType)
{
    public bool Failed => MessageType == "task_failed";

    public override string ToString() => ErrorType is null ? MessageType : $"{MessageType}({ErrorType})";
}
