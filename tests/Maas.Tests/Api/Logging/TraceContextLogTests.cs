using System.Text.RegularExpressions;

namespace Maas.Tests.Api.Logging;

/// <summary>The JSON log names the trace and span an entry was written in, whoever started the Activity.</summary>
public sealed partial class TraceContextLogTests
{
    [Fact]
    public async Task An_entry_written_inside_an_activity_carries_its_trace_id_and_span_id()
    {
        // ASP.NET Core starts an Activity for each request, and logs the request at DEBUG.
        await using var engine = await LoggingEngine.Start("json", "DEBUG");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{engine.Port}") };
        using var response = await http.GetAsync(new Uri("/tasks/no-such-task", UriKind.Relative));

        var line = await Infrastructure.Eventually.Until(
            () => Task.FromResult(engine.JsonLines().FirstOrDefault(l => (string?)l["category"] == "Microsoft.AspNetCore.Hosting.Diagnostics" && l.ContainsKey("trace_id"))),
            l => l is not null, "a line of the request with its trace");
        Assert.Matches(TraceId(), (string?)line!["trace_id"]);
        Assert.Matches(SpanId(), (string?)line["span_id"]);
        Assert.NotEqual(new string('0', 32), (string?)line["trace_id"]);
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex TraceId();

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex SpanId();
}
