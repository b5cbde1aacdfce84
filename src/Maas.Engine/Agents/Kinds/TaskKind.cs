using System.Text.Json;
using System.Text.Json.Nodes;
using Maas.Contracts.Wire;
using Maas.Engine.AI;
using Microsoft.Extensions.AI;

namespace Maas.Engine.Agents.Kinds;

/// <summary>
/// One task type the engine runs: what its input needs, what the model is asked, and the output record whose JSON
/// is stored. Everything that does not depend on the task (schema, instructions, serializer) is built once.
/// </summary>
public abstract class TaskKind
{
    protected TaskKind(string name) => Name = name;

    /// <summary>The task type as the platform sends it (matched case-insensitively).</summary>
    public string Name { get; }

    /// <summary>The output record's JSON schema, as sent to the model.</summary>
    public abstract JsonElement Schema { get; }

    /// <summary>What <c>input_data</c> lacks for this kind; empty when the task can run.</summary>
    public abstract IReadOnlyList<ValidationError> ValidateInput(JsonObject input);

    /// <summary>The system message that says what to produce and, unless the provider takes the schema natively, the schema.</summary>
    public abstract string Instructions(StructuredOutputMode mode);

    /// <summary>The response format to ask for: the schema, plain JSON mode, or none.</summary>
    public abstract ChatResponseFormat? ResponseFormat(StructuredOutputMode mode);

    /// <summary>Parses and validates a model's answer; never throws on what the model wrote.</summary>
    public abstract OutputCheck ReadOutput(string answer, JsonObject input);
}
