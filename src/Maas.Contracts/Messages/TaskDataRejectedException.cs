namespace Maas.Contracts.Messages;

/// <summary>
/// Thrown to the sender of a command (through the mediator) when the engine's database refuses one of the task's
/// values for good: a NUL character, an invalid byte sequence, a string longer than its column. The same request sent
/// again fails the same way, so an adapter answers it as invalid input that must not be retried, not as a system error.
/// Only the task that carried the value fails; the other tasks written alongside it are not affected.
/// </summary>
public sealed class TaskDataRejectedException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public TaskDataRejectedException()
        : this("The task's data cannot be stored.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was refused.</param>
    public TaskDataRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the database's error.</summary>
    /// <param name="message">What was refused.</param>
    /// <param name="innerException">The database's error.</param>
    public TaskDataRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a value the database refused.</summary>
    /// <param name="message">What was refused.</param>
    /// <param name="errorCode">The database's error code (a PostgreSQL SQLSTATE such as <c>22P05</c>).</param>
    /// <param name="innerException">The database's error.</param>
    public TaskDataRejectedException(string message, string errorCode, Exception innerException)
        : base(message, innerException) => ErrorCode = errorCode;

    /// <summary>The database's error code (a PostgreSQL SQLSTATE of class 22, "data exception"), if known.</summary>
    public string? ErrorCode { get; }
}
