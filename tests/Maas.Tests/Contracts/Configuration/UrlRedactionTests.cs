using Maas.Contracts.Configuration;

namespace Maas.Tests.Contracts.Configuration;

/// <summary>The one rule every URL variable follows before it is shown: the password becomes ***, the rest stays.</summary>
public sealed class UrlRedactionTests
{
    [Theory]
    [InlineData("postgresql://postgres:devpassword@db:5432/maas", "postgresql://postgres:***@db:5432/maas")]
    [InlineData("redis://:secret@cache:6379/1", "redis://:***@cache:6379/1")]
    [InlineData("rediss://alice:p%40ss@cache:6380/0", "rediss://alice:***@cache:6380/0")]
    [InlineData("https://user:sk-abc@api.example.com/v1", "https://user:***@api.example.com/v1")]
    public void Masks_the_password_of_a_url_and_keeps_the_rest(string url, string expected)
    {
        Assert.Equal(expected, UrlRedaction.Redact(url));
    }

    [Theory]
    [InlineData("redis://localhost:6379/1")]
    [InlineData("postgresql://postgres@127.0.0.1:55432/maas")]
    [InlineData("redis://alice@cache:6379/0")]
    [InlineData("http://localhost:11434")]
    [InlineData("localhost:6379")]
    public void Leaves_a_url_without_a_password_as_it_is(string url)
    {
        Assert.Equal(url, UrlRedaction.Redact(url));
    }

    /// <summary>An unencoded @ or / in a password makes the URL unreadable to a parser; the rule still finds the password.</summary>
    [Theory]
    [InlineData("redis://:p@ss@cache:6379/0", "redis://:***@cache:6379/0")]
    [InlineData("redis//:secret@cache", "redis//:***@cache")]
    [InlineData("user:secret@cache:6379", "user:***@cache:6379")]
    [InlineData("postgresql://u:se/cret@db/maas", "postgresql://u:***@db/maas")]
    public void Masks_the_password_of_a_url_that_cannot_be_parsed(string url, string expected)
    {
        Assert.Equal(expected, UrlRedaction.Redact(url));
    }

    [Theory]
    [InlineData("Host=db;Username=engine;Password=secret;Database=maas", "Host=db;Username=engine;Password=***;Database=maas")]
    [InlineData("Host=db;PWD=secret", "Host=db;PWD=***")]
    [InlineData("redis://cache:6379/0?password=secret&ssl=true", "redis://cache:6379/0?password=***&ssl=true")]
    [InlineData("https://api.example.com/v1?api_key=sk-123", "https://api.example.com/v1?api_key=***")]
    [InlineData("https://api.example.com/v1?access_token=abc", "https://api.example.com/v1?access_token=***")]
    public void Masks_secret_parameters_of_connection_strings_and_queries(string text, string expected)
    {
        Assert.Equal(expected, UrlRedaction.Redact(text));
    }

    [Fact]
    public void Masks_every_url_quoted_in_a_message()
    {
        var message = "Cannot reach 'redis://:one@a:1/0' nor (postgresql://u:two@b/db), tried redis://:three@c";

        Assert.Equal("Cannot reach 'redis://:***@a:1/0' nor (postgresql://u:***@b/db), tried redis://:***@c", UrlRedaction.Redact(message));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Gives_an_empty_text_for_nothing(string? text)
    {
        Assert.Equal("", UrlRedaction.Redact(text));
    }
}
