using System.Text.Json;
using System.Text.Json.Serialization;

namespace Maas.Bench.Results;

/// <summary>The raw figures beside the report, so the report and chart can be written again without running the suite.</summary>
public static class ResultsFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        // Latencies are NaN where a run saw no task reach a state.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task Write(SuiteResult result, string path)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, result, Options);
    }

    public static async Task<SuiteResult> Read(string path)
    {
        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<SuiteResult>(file, Options) ?? throw new InvalidDataException($"{path} holds no results");
    }
}
