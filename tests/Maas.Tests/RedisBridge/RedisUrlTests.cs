using System.Net;
using Maas.RedisBridge;

namespace Maas.Tests.RedisBridge;

/// <summary>The platform's <c>REDIS_URL</c> becomes StackExchange.Redis options.</summary>
public sealed class RedisUrlTests
{
    [Fact]
    public void Reads_the_seed_url_with_host_port_and_database()
    {
        var options = RedisUrl.Parse("redis://localhost:6379/1");

        Assert.Equal(new DnsEndPoint("localhost", 6379), Assert.Single(options.EndPoints));
        Assert.Equal(1, options.DefaultDatabase);
        Assert.False(options.Ssl);
        Assert.Null(options.User);
        Assert.Null(options.Password);
        Assert.False(options.AbortOnConnectFail);
    }

    [Theory]
    [InlineData("redis://cache/2", 2)]
    [InlineData("redis://cache", null)]
    [InlineData("redis://cache/", null)]
    public void Uses_port_6379_when_the_url_names_none(string url, int? database)
    {
        var options = RedisUrl.Parse(url);

        Assert.Equal(new DnsEndPoint("cache", 6379), Assert.Single(options.EndPoints));
        Assert.Equal(database, options.DefaultDatabase);
    }

    [Fact]
    public void Reads_a_password_without_a_user()
    {
        var options = RedisUrl.Parse("redis://:secret@h:1/0");

        Assert.Equal(new DnsEndPoint("h", 1), Assert.Single(options.EndPoints));
        Assert.Equal(0, options.DefaultDatabase);
        Assert.Null(options.User);
        Assert.Equal("secret", options.Password);
    }

    [Fact]
    public void Reads_a_user_and_a_percent_encoded_password()
    {
        var options = RedisUrl.Parse("redis://alice:p%40ss%3Aword@h:6380/3");

        Assert.Equal("alice", options.User);
        Assert.Equal("p@ss:word", options.Password);
        Assert.Equal(new DnsEndPoint("h", 6380), Assert.Single(options.EndPoints));
        Assert.Equal(3, options.DefaultDatabase);
    }

    /// <summary>
    /// redis-py (the platform's client) and ioredis read a user-info without a colon as the user name, and so do we.
    /// </summary>
    [Fact]
    public void Reads_a_user_without_a_colon_as_the_user_like_redis_py()
    {
        var options = RedisUrl.Parse("redis://alice@h:6379/0");

        Assert.Equal("alice", options.User);
        Assert.Null(options.Password);
    }

    [Fact]
    public void Uses_tls_for_rediss()
    {
        var options = RedisUrl.Parse("rediss://:secret@cache.example.com:6380/0");

        Assert.True(options.Ssl);
        Assert.Equal(new DnsEndPoint("cache.example.com", 6380), Assert.Single(options.EndPoints));
    }

    [Theory]
    [InlineData("http://localhost:6379/1")]
    [InlineData("localhost:6379")]
    [InlineData("redis:/localhost")]
    [InlineData("")]
    [InlineData("redis://localhost:6379/one")]
    [InlineData("redis://localhost:6379/-1")]
    [InlineData("redis://localhost:6379/1/2")]
    public void Refuses_what_is_not_a_redis_url(string url)
    {
        Assert.Throws<FormatException>(() => RedisUrl.Parse(url));
    }
}
