using System.Text.Json.Nodes;
using Maas.Engine.Api.OpenApi;

namespace Maas.Tests.Api.OpenApi;

/// <summary>The examples the OpenAPI document shows are the seed's own documents.</summary>
public sealed class SeedExamplesTests
{
    [Theory]
    [InlineData("health.json")]
    [InlineData("agents.json")]
    [InlineData("tasks_processing.json")]
    public void The_examples_shown_are_the_seeds_documents(string file)
    {
        // The contract tests hold the engine's types to these documents; the reference page must show the same ones.
        var seed = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts", "Api", "Examples", file)));

        Assert.True(JsonNode.DeepEquals(seed, SeedExamples.Read(file)), $"{file} differs from the seed's");
    }
}
