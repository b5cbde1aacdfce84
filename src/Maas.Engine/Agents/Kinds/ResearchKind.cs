using System.Text.Json.Nodes;
using Maas.Contracts.Wire;

namespace Maas.Engine.Agents.Kinds;

/// <summary><c>research</c>: a summary with findings, sources and how sure the model is.</summary>
public sealed class ResearchKind() : TaskKind<ResearchOutput>(
    "research",
    "Research the question in the task's input_data (query, topic or description). Put a short answer in summary, the points "
    + "that support it in findings, where they come from in sources (title, and url or citation when you know them, else null; "
    + "never invent an address), and how sure you are, from 0 to 1, in confidence.")
{
    public override IReadOnlyList<ValidationError> ValidateInput(JsonObject input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!InputRules.HasText(input, "query") && !InputRules.HasText(input, "topic") && !InputRules.HasText(input, "description"))
        {
            return [new ValidationError("input_data.query", "One of query, topic or description is required")];
        }

        return [];
    }

    protected override void Check(ResearchOutput output, JsonObject input, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        RequireText(output.Summary, "summary", errors);
        RequireNoNulls(output.Findings, "findings", errors);
        RequireNoNulls(output.Sources, "sources", errors);
        if (output.Sources.Any(source => source is not null && string.IsNullOrWhiteSpace(source.Title)))
        {
            errors.Add("Every source needs a title.");
        }

        if (output.Confidence is not (>= 0 and <= 1))
        {
            errors.Add($"confidence must be between 0 and 1, not {output.Confidence}.");
        }
    }
}
