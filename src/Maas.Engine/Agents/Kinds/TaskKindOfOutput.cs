using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Maas.Engine.AI;
using Microsoft.Extensions.AI;

namespace Maas.Engine.Agents.Kinds;

/// <summary>A task kind whose output is the record <typeparamref name="TOutput"/>.</summary>
public abstract class TaskKind<TOutput> : TaskKind
    where TOutput : class
{
    // The output is parsed as JSON, never embedded in HTML, so HTML-safe escaping would only obscure the code.
    private static readonly JsonSerializerOptions _serializerOptions =
        new(TaskOutputJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly AIJsonSchemaCreateOptions _schemaOptions = new()
    {
        // Strict structured output (OpenAI's strict json_schema) accepts only closed objects with every property required.
        TransformOptions = new AIJsonSchemaTransformOptions { DisallowAdditionalProperties = true, RequireAllProperties = true },
    };

    private readonly JsonTypeInfo<TOutput> _typeInfo;
    private readonly ChatResponseFormat _schemaFormat;
    private readonly string[] _instructions;

    protected TaskKind(string name, string task)
        : base(name)
    {
        _typeInfo = (JsonTypeInfo<TOutput>)_serializerOptions.GetTypeInfo(typeof(TOutput));
        Schema = AIJsonUtilities.CreateJsonSchema(typeof(TOutput), serializerOptions: _serializerOptions, inferenceOptions: _schemaOptions);
        _schemaFormat = ChatResponseFormat.ForJsonSchema(Schema, name + "_output", $"The output_data of a {name} task");
        var inPrompt = $"{task}\n\nAnswer with one JSON object and nothing else, matching this JSON schema:\n{Schema.GetRawText()}";
        _instructions =
        [
            $"{task}\n\nAnswer with one JSON object matching the response schema.",
            inPrompt,
            inPrompt,
        ];
    }

    public override JsonElement Schema { get; }

    public override string Instructions(StructuredOutputMode mode) => _instructions[(int)mode];

    public override ChatResponseFormat? ResponseFormat(StructuredOutputMode mode) => mode switch
    {
        StructuredOutputMode.JsonSchema => _schemaFormat,
        StructuredOutputMode.JsonObject => ChatResponseFormat.Json,
        _ => null,
    };

    public override OutputCheck ReadOutput(string answer, JsonObject input)
    {
        ArgumentNullException.ThrowIfNull(answer);
        TOutput? output;
        try
        {
            output = JsonSerializer.Deserialize(WithoutFence(answer), _typeInfo);
        }
        catch (JsonException e)
        {
            return OutputCheck.Invalid([$"The answer is not the expected JSON object: {e.Message}"]);
        }

        if (output is null)
        {
            return OutputCheck.Invalid(["The answer must be a JSON object, not null."]);
        }

        var errors = new List<string>();
        Check(output, input, errors);
        return errors.Count == 0 ? OutputCheck.Valid(JsonSerializer.Serialize(output, _typeInfo)) : OutputCheck.Invalid(errors);
    }

    /// <summary>The output as its contract's JSON text (what the offline client answers).</summary>
    internal static string Write(TOutput output) =>
        JsonSerializer.Serialize(output, (JsonTypeInfo<TOutput>)_serializerOptions.GetTypeInfo(typeof(TOutput)));

    /// <summary>Adds what is wrong with <paramref name="output"/> beyond its shape, which the serializer has checked.</summary>
    protected abstract void Check(TOutput output, JsonObject input, List<string> errors);

    protected static void RequireText(string? value, string field, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{field} must not be empty.");
        }
    }

    // Nullable annotations are not enforced on collection elements, so a [null] would otherwise reach the output.
    protected static void RequireNoNulls<T>(IReadOnlyList<T?> items, string field, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Any(item => item is null))
        {
            errors.Add($"{field} must not hold null.");
        }
    }

    protected static void RequireLanguage(JsonObject input, string answered, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input["language"] is JsonValue value && value.TryGetValue<string>(out var requested)
            && !string.IsNullOrWhiteSpace(requested) && !Languages.Same(requested, answered))
        {
            errors.Add($"language must be the requested language '{requested}', not '{answered}'.");
        }
    }

    // A prompt-mode model often wraps its JSON in a Markdown fence despite being told not to.
    private static ReadOnlySpan<char> WithoutFence(string answer)
    {
        var text = answer.AsSpan().Trim();
        if (!text.StartsWith("```", StringComparison.Ordinal))
        {
            return text;
        }

        var firstLineEnd = text.IndexOf('\n');
        if (firstLineEnd < 0)
        {
            return text;
        }

        text = text[(firstLineEnd + 1)..].TrimEnd();
        return text.EndsWith("```", StringComparison.Ordinal) ? text[..^3] : text;
    }
}
