using Maas.Engine.Agents;
using Maas.Engine.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Maas.Tests.Engine.Agents;

/// <summary>json_schema -> json_object -> prompt, each step once, remembered for the process.</summary>
public sealed class StructuredOutputFallbackTests
{
    private static readonly ProviderException Rejected = new(ProviderFailureKind.StructuredOutputRejected, "openai", "response_format not supported");

    [Fact]
    public void Steps_down_one_form_at_a_time_and_remembers_it()
    {
        var fallback = New(StructuredOutputMode.JsonSchema);

        Assert.Equal(StructuredOutputMode.JsonObject, fallback.After(StructuredOutputMode.JsonSchema, Rejected));
        Assert.Equal(StructuredOutputMode.JsonObject, fallback.Current);
        Assert.Equal(StructuredOutputMode.Prompt, fallback.After(StructuredOutputMode.JsonObject, Rejected));
        Assert.Equal(StructuredOutputMode.Prompt, fallback.Current);
        Assert.Null(fallback.After(StructuredOutputMode.Prompt, Rejected));
    }

    [Fact]
    public void A_late_refusal_of_a_richer_form_goes_straight_to_where_the_process_already_is()
    {
        var fallback = New(StructuredOutputMode.JsonSchema);
        fallback.After(StructuredOutputMode.JsonSchema, Rejected);
        fallback.After(StructuredOutputMode.JsonObject, Rejected);

        Assert.Equal(StructuredOutputMode.Prompt, fallback.After(StructuredOutputMode.JsonSchema, Rejected));
        Assert.Equal(StructuredOutputMode.Prompt, fallback.Current);
    }

    [Fact]
    public void Starts_where_the_provider_says()
    {
        Assert.Equal(StructuredOutputMode.JsonObject, New(StructuredOutputMode.JsonObject).Current);
    }

    private static StructuredOutputFallback New(StructuredOutputMode first) =>
        new(new ChatProviderInfo("openai", "gpt-4o-mini", first), NullLogger<StructuredOutputFallback>.Instance);
}
