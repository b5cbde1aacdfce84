using Maas.Providers;

namespace Maas.Tests.Providers;

public sealed class ProviderUrlTests
{
    [Theory]
    [InlineData("https://user:s3cret@llm.internal:8443/v1", "https://***@llm.internal:8443/v1")]
    [InlineData("http://127.0.0.1:11434", "http://127.0.0.1:11434/")]
    [InlineData("https://api.openai.com/v1?api-key=s3cret", "https://api.openai.com/v1")]
    public void Shows_a_url_without_its_credentials(string url, string shown)
    {
        Assert.Equal(shown, ProviderUrl.Redact(ProviderUrl.Parse(url)!));
    }

    [Fact]
    public void Blanks_out_a_key_a_provider_echoes()
    {
        Assert.Equal("Incorrect API key provided: ***.", ProviderUrl.RedactSecret("Incorrect API key provided: sk-abc123.", "sk-abc123"));
    }
}
