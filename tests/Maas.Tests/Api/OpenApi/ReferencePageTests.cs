using System.Net;
using System.Text.RegularExpressions;
using Maas.Tests.Infrastructure;

namespace Maas.Tests.Api.OpenApi;

/// <summary>GET /docs in a real browser: Scalar's reference renders the engine's routes from assets the engine serves itself.</summary>
public sealed partial class ReferencePageTests : WireTest
{
    private static readonly Dictionary<string, string?> Keyed = new() { ["AI_ENGINE_API_KEY"] = "a-key-of-some-length-0123" };

    [Fact]
    public async Task The_reference_page_renders_the_routes_in_chromium_and_fetches_nothing_from_another_host()
    {
        await using var engine = await EngineApp.Start(Database, Channels, Keyed, kestrel: true);
        using var client = engine.CreateClient();
        var engineAddress = client.BaseAddress!;
        await using var chromium = await HeadlessChromium.Start();

        var visit = await chromium.Visit(new Uri(engineAddress, "/docs"),
            dom => dom.Contains("Health of the engine and of the servers it needs", StringComparison.Ordinal)
                   && dom.Contains("Task, agent and resource figures", StringComparison.Ordinal)
                   && dom.Contains("href=\"#tag/tasks\"", StringComparison.Ordinal)
                   && dom.Contains("href=\"#tag/agents\"", StringComparison.Ordinal),
            "the reference page to render the engine's routes", TimeSpan.FromSeconds(60));

        Assert.Contains("MAAS AI Engine", visit.Dom, StringComparison.Ordinal);
        Assert.Contains(visit.RequestedUrls, u => u.AbsolutePath == "/openapi/v1.json");
        Assert.Contains(visit.RequestedUrls, u => u.AbsolutePath == "/docs/scalar.js");
        var elsewhere = visit.RequestedUrls.Where(u => u.Scheme is not ("data" or "blob") && u.Authority != engineAddress.Authority).ToList();
        Assert.True(elsewhere.Count == 0, $"the page fetched from another host: {string.Join(", ", elsewhere)}");
        var loaded = ExternalResources(visit.Dom).Where(u => u.Authority != engineAddress.Authority).ToList();
        Assert.True(loaded.Count == 0, $"the rendered page loads from another host: {string.Join(", ", loaded)}");
    }

    [Fact]
    public async Task The_served_page_loads_its_scripts_from_the_engine()
    {
        await using var engine = await EngineApp.Start(Database, Channels, Keyed);
        using var client = engine.CreateClient();

        var html = await client.GetStringAsync("/docs/");
        var sources = ScriptSources().Matches(html).Select(m => m.Groups["src"].Value).ToList();

        Assert.Contains("scalar.js", sources);
        Assert.All(sources, src => Assert.False(Uri.TryCreate(src, UriKind.Absolute, out _), $"script from another host: {src}"));
        Assert.Empty(ExternalResources(html));
        foreach (var src in sources)
        {
            using var script = await client.GetAsync(new Uri($"/docs/{src}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Contains("javascript", script.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Absolute http(s) URLs a page loads: any <c>src</c>, a <c>link</c>'s <c>href</c> (style sheets, icons, fonts),
    /// a CSS <c>url(...)</c>. A plain link (<c>a href</c>, such as "Powered by Scalar") is followed only when clicked.
    /// </summary>
    private static IEnumerable<Uri> ExternalResources(string html) =>
        AbsoluteResources().Matches(html).Select(m => new Uri(m.Groups["url"].Value));

    [GeneratedRegex("<script[^>]*\\ssrc=\"(?<src>[^\"]+)\"")]
    private static partial Regex ScriptSources();

    [GeneratedRegex("\\ssrc=\"(?<url>https?://[^\"]+)\"|<link[^>]*\\shref=\"(?<url>https?://[^\"]+)\"|url\\([\"']?(?<url>https?://[^)\"']+)")]
    private static partial Regex AbsoluteResources();
}
