using Maas.Bench;
using Maas.Bench.Report;
using Maas.Bench.Results;

// bench/run.sh passes the servers, the engine and where results go; `--from-json results.json` only writes the report again.
var fromJson = args.Length == 4 && args[0] == "--from-json" ? args[1] : null;
var resultsDir = fromJson is null ? null : args[3];
SuiteResult result;
if (fromJson is null)
{
    var settings = BenchSettings.FromArgs(args);
    resultsDir = settings.ResultsDir;
    await using (var sink = settings.Otlp ? Maas.Bench.Engine.OtlpSink.Start() : null)
    {
        if (sink is not null)
        {
            Log.Line($"engines export traces and metrics to {sink.Endpoint} (OTLP/HTTP protobuf)");
        }

        result = await new Suite(settings).Run();
        if (sink is not null)
        {
            Log.Line(sink.Summary);
        }
    }

    Directory.CreateDirectory(resultsDir);
    await ResultsFile.Write(result, Path.Combine(resultsDir, "results.json"));
}
else
{
    result = await ResultsFile.Read(fromJson);
}

ThroughputLatencyChart.Write(result, Path.Combine(resultsDir!, ThroughputLatencyChart.FileName));
await File.WriteAllTextAsync(Path.Combine(resultsDir!, "REPORT.md"), ReportWriter.Write(result, Path.Combine(resultsDir!, "micro")));
Log.Line($"report written to {Path.Combine(resultsDir!, "REPORT.md")}");
return result.Problems.Count == 0 ? 0 : 2;
