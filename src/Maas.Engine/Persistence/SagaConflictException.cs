namespace Maas.Engine.Persistence;

/// <summary>Another transition changed (or created) the saga row first; the saga's retry filter runs the message again on fresh state.</summary>
public sealed class SagaConflictException : Exception
{
    public SagaConflictException()
    {
    }

    public SagaConflictException(string message)
        : base(message)
    {
    }

    public SagaConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
