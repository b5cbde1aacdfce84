using System.Text.Json.Nodes;
using Maas.Contracts.Wire;
using Maas.Engine.Agents;

namespace Maas.Tests.Engine.Agents;

/// <summary>What each task type needs in <c>input_data</c>, named as the seed's <c>validation_errors</c> name it.</summary>
public sealed class TaskInputValidatorTests
{
    [Fact]
    public void Accepts_the_seed_code_generation_input()
    {
        Assert.Empty(Validate("code_generation", """{"description":"generate a hello world program","language":"python","requirements":[]}"""));
    }

    [Theory]
    [InlineData("""{"language":"python"}""")]
    [InlineData("""{"description":null}""")]
    public void Requires_a_code_generation_description_as_the_seed_says(string input)
    {
        Assert.Equal(
            new ValidationError("input_data.description", "This field is required"),
            Assert.Single(Validate("code_generation", input)));
    }

    [Theory]
    [InlineData("""{"description":""}""")]
    [InlineData("""{"description":"   "}""")]
    [InlineData("""{"description":42}""")]
    [InlineData("""{"description":["hello"]}""")]
    public void Refuses_an_empty_or_non_text_description(string input)
    {
        Assert.Equal(
            new ValidationError("input_data.description", "Must be a non-empty string"),
            Assert.Single(Validate("code_generation", input)));
    }

    [Theory]
    [InlineData("language", "3")]
    [InlineData("language", "{}")]
    [InlineData("framework", "true")]
    public void Refuses_a_language_or_framework_that_is_not_text(string field, string value)
    {
        Assert.Equal(
            new ValidationError($"input_data.{field}", "Must be a string"),
            Assert.Single(Validate("code_generation", $$"""{"description":"x","{{field}}":{{value}}}""")));
    }

    [Theory]
    [InlineData("\"flask\"")]
    [InlineData("{}")]
    [InlineData("1")]
    public void Refuses_requirements_that_are_not_an_array(string value)
    {
        Assert.Equal(
            new ValidationError("input_data.requirements", "Must be an array"),
            Assert.Single(Validate("code_generation", $$"""{"description":"x","requirements":{{value}}}""")));
    }

    [Fact]
    public void Accepts_null_optional_fields_and_fields_it_does_not_know()
    {
        Assert.Empty(Validate("code_generation", """{"description":"x","language":null,"requirements":null,"style":{"tabs":false}}"""));
    }

    [Fact]
    public void Reports_every_wrong_field_at_once()
    {
        Assert.Equal(
            ["input_data.description", "input_data.language", "input_data.framework", "input_data.requirements"],
            Validate("code_generation", """{"language":1,"framework":2,"requirements":3}""").Select(e => e.Field));
    }

    [Theory]
    [InlineData("""{"query":"vector databases"}""")]
    [InlineData("""{"topic":"vector databases"}""")]
    [InlineData("""{"description":"vector databases"}""")]
    [InlineData("""{"query":"","topic":"vector databases"}""")]
    public void Accepts_research_with_a_query_topic_or_description(string input)
    {
        Assert.Empty(Validate("research", input));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"query":"","topic":null,"description":7}""")]
    public void Refuses_research_with_nothing_to_research(string input)
    {
        Assert.Equal("input_data.query", Assert.Single(Validate("research", input)).Field);
    }

    [Theory]
    [InlineData("testing")]
    [InlineData("documentation")]
    public void Requires_a_description_for_testing_and_documentation(string taskType)
    {
        Assert.Equal(new ValidationError("input_data.description", "This field is required"), Assert.Single(Validate(taskType, "{}")));
        Assert.Empty(Validate(taskType, """{"description":"x"}"""));
    }

    [Fact]
    public void Leaves_unknown_task_types_alone()
    {
        Assert.Empty(Validate("specialized_analysis", """{"anything":[1,2,3]}"""));
    }

    [Theory]
    [InlineData("Code_Generation")]
    [InlineData("CODE_GENERATION")]
    public void Matches_task_types_whatever_their_case(string taskType)
    {
        Assert.Equal("input_data.description", Assert.Single(Validate(taskType, """{"anything":[1,2,3]}""")).Field);
    }

    private static IReadOnlyList<ValidationError> Validate(string taskType, string input) =>
        TaskInputValidator.Validate(taskType, JsonNode.Parse(input)!.AsObject());
}
