using System.Text.Json.Nodes;
using Maas.Engine.Agents.Kinds;
using Maas.Engine.AI;
using Microsoft.Extensions.AI;

namespace Maas.Tests.Engine.Agents.Kinds;

/// <summary>The four task kinds: the schema each sends, and what each accepts from a model before anything is stored.</summary>
public sealed class TaskKindTests
{
    private const string ValidCode = """{"code":"print(1)","language":"python","file_name":"one.py","explanation":"Prints 1.","dependencies":[],"test_cases":[{"input":"","expected_output":"1"}]}""";

    [Theory]
    [InlineData("code_generation", "code,language,file_name,explanation,dependencies,test_cases")]
    [InlineData("research", "summary,findings,sources,confidence")]
    [InlineData("testing", "test_code,framework,language,file_name,test_cases,run_command")]
    [InlineData("documentation", "content,format,sections")]
    public void Sends_a_closed_snake_case_schema_that_requires_every_field(string taskType, string fields)
    {
        var schema = JsonNode.Parse(TaskKinds.Find(taskType)!.Schema.GetRawText())!;

        Assert.Equal("object", (string?)schema["type"]);
        Assert.Equal(fields.Split(','), schema["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(fields.Split(','), schema["required"]!.AsArray().Select(r => (string)r!));
        Assert.False((bool)schema["additionalProperties"]!);
    }

    [Fact]
    public void Lets_a_research_source_lack_an_address_but_not_a_title()
    {
        var source = JsonNode.Parse(TaskKinds.Research.Schema.GetRawText())!["properties"]!["sources"]!["items"]!;

        Assert.Equal("string", (string?)source["properties"]!["title"]!["type"]);
        Assert.Equal(["string", "null"], source["properties"]!["url"]!["type"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(["string", "null"], source["properties"]!["citation"]!["type"]!.AsArray().Select(t => (string)t!));
    }

    [Fact]
    public void Asks_for_the_schema_natively_json_mode_with_the_schema_in_the_prompt_or_the_prompt_alone()
    {
        var kind = TaskKinds.CodeGeneration;

        var native = Assert.IsType<ChatResponseFormatJson>(kind.ResponseFormat(StructuredOutputMode.JsonSchema));
        Assert.Equal(kind.Schema.GetRawText(), native.Schema!.Value.GetRawText());
        Assert.DoesNotContain(kind.Schema.GetRawText(), kind.Instructions(StructuredOutputMode.JsonSchema), StringComparison.Ordinal);

        Assert.Same(ChatResponseFormat.Json, kind.ResponseFormat(StructuredOutputMode.JsonObject));
        Assert.Contains(kind.Schema.GetRawText(), kind.Instructions(StructuredOutputMode.JsonObject), StringComparison.Ordinal);

        Assert.Null(kind.ResponseFormat(StructuredOutputMode.Prompt));
        Assert.Contains(kind.Schema.GetRawText(), kind.Instructions(StructuredOutputMode.Prompt), StringComparison.Ordinal);
    }

    [Fact]
    public void Stores_a_valid_answer_in_the_contract_shape_without_fields_it_does_not_name()
    {
        var answer = ValidCode.Replace("}]}", """}],"confidence":"high","result":"extra"}""", StringComparison.Ordinal);

        var check = TaskKinds.CodeGeneration.ReadOutput(answer, Input("""{"description":"print one","language":"python"}"""));

        Assert.True(check.IsValid, string.Join(" ", check.Errors));
        Assert.Equal(ValidCode, check.OutputJson);
    }

    [Theory]
    [InlineData("```json\n" + ValidCode + "\n```")]
    [InlineData("```\n" + ValidCode + "\n```\n")]
    [InlineData("  " + ValidCode + "\n")]
    public void Reads_an_answer_wrapped_in_a_markdown_fence(string answer)
    {
        Assert.Equal(ValidCode, TaskKinds.CodeGeneration.ReadOutput(answer, Input("{}")).OutputJson);
    }

    [Theory]
    [InlineData("Sure! Here is your program: print(1)")]
    [InlineData("null")]
    [InlineData("[1, 2]")]
    [InlineData("""{"result": "print(1)"}""")]
    [InlineData("""{"code":"print(1)","language":"python","file_name":"one.py","explanation":"x","dependencies":[]}""")]
    [InlineData("""{"code":null,"language":"python","file_name":"one.py","explanation":"x","dependencies":[],"test_cases":[]}""")]
    public void Refuses_an_answer_that_is_not_the_record_without_throwing(string answer)
    {
        var check = TaskKinds.CodeGeneration.ReadOutput(answer, Input("{}"));

        Assert.False(check.IsValid);
        Assert.Null(check.OutputJson);
        Assert.NotEmpty(check.Errors);
    }

    [Fact]
    public void Names_the_missing_field_so_the_model_can_repair_it()
    {
        var check = TaskKinds.CodeGeneration.ReadOutput("""{"code":"x","language":"python","file_name":"a.py","explanation":"x","dependencies":[]}""", Input("{}"));

        Assert.Contains("test_cases", Assert.Single(check.Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"code":"  ","language":"python","file_name":"one.py","explanation":"x","dependencies":[],"test_cases":[]}""", "code must not be empty.")]
    [InlineData("""{"code":"x","language":"python","file_name":"one.py","explanation":"x","dependencies":[null],"test_cases":[]}""", "dependencies must not hold null.")]
    [InlineData("""{"code":"x","language":"javascript","file_name":"one.js","explanation":"x","dependencies":[],"test_cases":[]}""", "language must be the requested language 'python', not 'javascript'.")]
    public void Refuses_empty_code_null_items_and_another_language_than_requested(string answer, string error)
    {
        var check = TaskKinds.CodeGeneration.ReadOutput(answer, Input("""{"description":"x","language":"python"}"""));

        Assert.Equal(error, Assert.Single(check.Errors));
    }

    [Theory]
    [InlineData("C#", "csharp")]
    [InlineData("py", "Python")]
    [InlineData("COBOL", "cobol")]
    public void Accepts_the_requested_language_under_another_of_its_names(string requested, string answered)
    {
        var answer = ValidCode.Replace("\"python\"", $"\"{answered}\"", StringComparison.Ordinal);

        Assert.True(TaskKinds.CodeGeneration.ReadOutput(answer, Input($$"""{"description":"x","language":"{{requested}}"}""")).IsValid);
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("1", true)]
    [InlineData("0.85", true)]
    [InlineData("1.5", false)]
    [InlineData("-0.1", false)]
    public void Accepts_research_confidence_only_between_zero_and_one(string confidence, bool valid)
    {
        var answer = $$"""{"summary":"s","findings":["f"],"sources":[{"title":"t","url":null,"citation":null}],"confidence":{{confidence}}}""";

        Assert.Equal(valid, TaskKinds.Research.ReadOutput(answer, Input("{}")).IsValid);
    }

    [Fact]
    public void Refuses_documentation_in_another_format_than_markdown()
    {
        var check = TaskKinds.Documentation.ReadOutput("""{"content":"<h1>x</h1>","format":"html","sections":[]}""", Input("{}"));

        Assert.Equal("format must be \"markdown\", not \"html\".", Assert.Single(check.Errors));
    }

    [Fact]
    public void Refuses_tests_in_another_language_than_requested_and_without_a_run_command()
    {
        var answer = """{"test_code":"def test_x(): pass","framework":"pytest","language":"python","file_name":"test_x.py","test_cases":[],"run_command":""}""";

        var check = TaskKinds.Testing.ReadOutput(answer, Input("""{"description":"x","language":"go"}"""));

        Assert.Equal(["run_command must not be empty.", "language must be the requested language 'go', not 'python'."], check.Errors);
    }

    [Fact]
    public void Finds_each_kind_whatever_the_case_of_its_task_type()
    {
        Assert.Same(TaskKinds.Testing, TaskKinds.Find("TESTING"));
        Assert.Null(TaskKinds.Find("translation"));
        Assert.Equal(["code_generation", "documentation", "research", "testing"], TaskKinds.All.Select(k => k.Name).Order(StringComparer.Ordinal));
    }

    private static JsonObject Input(string json) => JsonNode.Parse(json)!.AsObject();
}
