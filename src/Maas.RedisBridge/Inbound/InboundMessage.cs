using Maas.Contracts.Messages;
using Maas.Contracts.Wire;

namespace Maas.RedisBridge.Inbound;

/// <summary>What one received Redis message turned out to be, and so what the bridge does with it.</summary>
internal abstract record InboundMessage
{
    private InboundMessage()
    {
    }

    /// <summary>
    /// A valid <c>task_execute</c>: send it to the saga. <c>RequestKey</c> identifies the request for the
    /// <c>message_id</c> of an answer the bridge gives itself (<see cref="RequestKeys"/>).
    /// </summary>
    internal sealed record Execute(ExecuteTask Command, string RequestKey) : InboundMessage;

    /// <summary>
    /// The platform cancels a task. <c>SentAt</c> is the envelope's timestamp (the receipt time without one): a request
    /// sent later is not cancelled by it.
    /// </summary>
    internal sealed record Cancel(CancelTask Command, DateTimeOffset SentAt, string RequestKey) : InboundMessage;

    /// <summary>Nothing to do (the engine's own echo, or a status the engine does not act on).</summary>
    internal sealed record Ignored(string Reason) : InboundMessage;

    /// <summary>A request for a task we can name but cannot run as sent: answer with <c>invalid_input</c>.</summary>
    internal sealed record Invalid(string TaskId, string RequestKey, string ErrorMessage, IReadOnlyList<ValidationError> Errors) : InboundMessage;

    /// <summary>Nobody to answer (not JSON, or no task id): count it and keep it for people to look at.</summary>
    internal sealed record Unreadable(string Reason) : InboundMessage;
}
