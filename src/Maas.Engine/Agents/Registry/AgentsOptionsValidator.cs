using System.Globalization;
using Maas.Engine.Agents.Kinds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Agents.Registry;

/// <summary>
/// Checks the <c>agents</c> section at start-up, one line per problem, each naming the entry (<c>agents[1] (coder)</c>).
/// Whether each agent's provider can be reached is the providers' check; whether it is up is the health probe's.
/// </summary>
internal sealed class AgentsOptionsValidator(IConfiguration configuration) : IValidateOptions<AgentsOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentsOptions options)
    {
        var failures = new List<string>();
        if (options.ProbeIntervalSeconds is < 0.1 or > 86_400)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"AGENT_HEALTH_PROBE_SECONDS must be between 0.1 and 86400, not {options.ProbeIntervalSeconds}."));
        }

        if (options.FailureCooldownSeconds is < 0.1 or > 86_400)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"AGENT_FAILURE_COOLDOWN_SECONDS must be between 0.1 and 86400, not {options.FailureCooldownSeconds}."));
        }

        Unreadable(failures);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Agents.Count; i++)
        {
            var agent = options.Agents[i];
            var entry = AgentsOptions.Entry(i, agent);
            if (string.IsNullOrWhiteSpace(agent.AgentId))
            {
                failures.Add($"{entry}: agent_id is not set.");
            }
            else if (!ids.Add(agent.AgentId))
            {
                failures.Add($"{entry}: agent_id '{agent.AgentId}' is used by another agent.");
            }

            if (!AgentTypes.IsKnown(agent.Type))
            {
                failures.Add($"{entry}: type '{agent.Type}' is not known; the engine has: {string.Join(", ", AgentTypes.Names)}.");
            }

            foreach (var taskType in agent.TaskTypes.Where(t => TaskKinds.Find(t) is null))
            {
                failures.Add($"{entry}: task type '{taskType}' is not known; the engine runs: {string.Join(", ", TaskKinds.All.Select(k => k.Name))}.");
            }

            if (agent.MaxConcurrentTasks is < 1)
            {
                failures.Add($"{entry}: max_concurrent_tasks must be at least 1, not {agent.MaxConcurrentTasks}.");
            }

            if (agent.Temperature is { } temperature && (temperature is < 0 or > 2 || !double.IsFinite(temperature)))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{entry}: temperature must be between 0 and 2, not {temperature}."));
            }

            if (agent.Environments.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{entry}: environments holds an empty id.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // The binder drops an entry holding a number it cannot read, which would quietly lose the agent (or its limit):
    // the raw text is checked instead.
    private void Unreadable(List<string> failures)
    {
        var entries = configuration.GetSection("agents").GetChildren().ToList();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = string.IsNullOrWhiteSpace(entries[i]["agent_id"]) ? $"agents[{i}]" : $"agents[{i}] ({entries[i]["agent_id"]})";
            if (entries[i]["max_concurrent_tasks"] is { Length: > 0 } limit && !int.TryParse(limit, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                failures.Add($"{entry}: max_concurrent_tasks must be a whole number, not '{limit}'.");
            }

            if (entries[i]["temperature"] is { Length: > 0 } temperature && !double.TryParse(temperature, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                failures.Add($"{entry}: temperature must be a number, not '{temperature}'.");
            }
        }
    }
}
