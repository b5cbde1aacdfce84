using System.Collections.Frozen;
using Maas.Contracts.Wire;
using Maas.Engine.Agents;
using Maas.Engine.Agents.Kinds;
using Maas.Engine.AI;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Telemetry;

/// <summary>
/// Bounds the label values that come from the platform or a provider: a task type, agent or model the engine was not
/// configured with counts as <see cref="Other"/>, so a platform sending made-up task types cannot grow the number of
/// time series without limit. Known: the task kinds and the agents' task types; the agents; the provider's model,
/// the models of <c>MODEL_PRICES</c> and <c>offline</c> (a dated model id counts as the known model it starts with).
/// </summary>
public sealed class MetricLabels
{
    /// <summary>The label of every value outside the known set.</summary>
    public const string Other = "other";

    /// <summary>The <c>error_type</c> label of a task that did not fail.</summary>
    public const string NoError = "none";

    private static readonly FrozenSet<string> ErrorTypeSet = new[]
    {
        ErrorTypes.AgentUnavailable, ErrorTypes.AgentTimeout, ErrorTypes.InvalidInput, ErrorTypes.SystemError,
        ErrorTypes.AuthenticationError, ErrorTypes.ResourceExhausted,
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, string> _taskTypes;
    private readonly FrozenSet<string> _agents;
    private readonly string[] _models;

    public MetricLabels(AgentCatalog agents, ChatProviderInfo provider, IOptions<EngineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(options);
        _taskTypes = TaskKinds.All.Select(k => k.Name).Concat(agents.TaskTypes)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(t => t, t => t.ToLowerInvariant(), StringComparer.OrdinalIgnoreCase);
        _agents = agents.Agents.Select(a => a.AgentId).ToFrozenSet(StringComparer.Ordinal);
        _models = [.. PricedModels(options.Value.ModelPrices).Append(provider.Model).Append(ChatProviderInfo.Offline.Model)
            .Concat(agents.Agents.Select(a => a.Model).OfType<string>())
            .Where(m => m.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(m => m.Length)];
    }

    public string TaskType(string? taskType) => taskType is not null && _taskTypes.TryGetValue(taskType, out var known) ? known : Other;

    public string Agent(string? agentId) => agentId is not null && _agents.Contains(agentId) ? agentId : Other;

    public string Model(string? model)
    {
        if (model is null)
        {
            return Other;
        }

        foreach (var known in _models)
        {
            if (model.StartsWith(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return Other;
    }

    public static string ErrorType(string? errorType) =>
        errorType is null ? NoError : ErrorTypeSet.Contains(errorType) ? errorType : Other;

    // MODEL_PRICES was validated at start-up; only its model names matter here.
    private static IEnumerable<string> PricedModels(string prices) =>
        prices.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Split('=', 2)[0].Trim());
}
