namespace Maas.Engine.AI;

/// <summary>How a task's output schema is asked of the model (<c>OPENAI_STRUCTURED_OUTPUT</c> for OpenAI-compatible servers).</summary>
public enum StructuredOutputMode
{
    /// <summary>The provider's native structured output with the record's JSON schema.</summary>
    JsonSchema,

    /// <summary>JSON mode without a schema; the schema is described in the prompt.</summary>
    JsonObject,

    /// <summary>No response format at all; the prompt asks for JSON matching the schema.</summary>
    Prompt,
}
