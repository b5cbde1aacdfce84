namespace Maas.Engine.Agents;

/// <summary>The model's answer failed validation, and so did its answer to the repair request.</summary>
public sealed class InvalidAgentOutputException : Exception
{
    public InvalidAgentOutputException()
    {
    }

    public InvalidAgentOutputException(string message)
        : base(message)
    {
    }

    public InvalidAgentOutputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidAgentOutputException(IReadOnlyList<string> errors)
        : base($"The model's output failed validation after a repair round: {string.Join(" ", errors)}") =>
        Errors = errors;

    /// <summary>What was wrong with the last answer.</summary>
    public IReadOnlyList<string> Errors { get; } = [];
}
