namespace Maas.Tests.Faults;

/// <summary>One <c>task_completed</c> or <c>task_failed</c> heard on the result channel.</summary>
/// <remarks><see cref="MessageId"/> is the envelope's optional <c>message_id</c>: copies that share one can be dropped by the platform.</remarks>
internal sealed record FinalOnWire(string MessageType, string? ErrorType, string? MessageId)
{
    public bool Failed => MessageType == "task_failed";

    public override string ToString() => (ErrorType is null ? MessageType : $"{MessageType}({ErrorType})") + (MessageId is null ? "" : $" {MessageId}");
}
