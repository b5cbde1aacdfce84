using Maas.Engine.AI;
using Microsoft.Extensions.Logging;

namespace Maas.Engine.Agents;

/// <summary>
/// The structured-output form this process asks for: the provider's own first, then json_object, then prompt, each
/// step taken once when the server rejects the form. The step is kept for the process, so later tasks do not pay
/// for the rejected call again.
/// </summary>
public sealed partial class StructuredOutputFallback(ChatProviderInfo provider, ILogger<StructuredOutputFallback> logger)
{
    private int _mode = (int)provider.StructuredOutput;

    public StructuredOutputMode Current => (StructuredOutputMode)Volatile.Read(ref _mode);

    /// <summary>The form to try after <paramref name="rejected"/> was refused, or null when there is none simpler.</summary>
    public StructuredOutputMode? After(StructuredOutputMode rejected, ProviderException reason)
    {
        if (rejected == StructuredOutputMode.Prompt)
        {
            return null;
        }

        // Another task may already have stepped further down: go straight there rather than pay its refusal again.
        var next = (StructuredOutputMode)Math.Max((int)rejected + 1, Volatile.Read(ref _mode));
        if (Interlocked.CompareExchange(ref _mode, (int)next, (int)rejected) == (int)rejected)
        {
            LogFallback(provider.Name, provider.Model, rejected, next, reason.Message);
        }

        return next;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider {Provider} rejected {Rejected} structured output for model {Model}; using {Next} from now on ({Reason})")]
    private partial void LogFallback(string provider, string model, StructuredOutputMode rejected, StructuredOutputMode next, string reason);
}
