using Maas.Engine.Api.Security;
using Microsoft.Extensions.Options;

namespace Maas.Tests.Api.Security;

/// <summary>The key comparison: exact, by name, for every configured key.</summary>
public sealed class ApiKeysTests
{
    private readonly ApiKeys _keys = new(Options.Create(new ApiAccessOptions { ApiKey = "first-key-0123456789,second-key-0123456789" }));

    [Fact]
    public void Names_each_configured_key_by_its_place()
    {
        Assert.Equal("key-1", _keys.Find("first-key-0123456789"));
        Assert.Equal("key-2", _keys.Find("second-key-0123456789"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("first-key-012345678")]
    [InlineData("first-key-01234567890")]
    [InlineData("FIRST-KEY-0123456789")]
    [InlineData("first-key-0123456789,second-key-0123456789")]
    public void Matches_nothing_but_a_whole_key(string presented)
    {
        Assert.Null(_keys.Find(presented));
    }

    [Fact]
    public void Requires_nothing_when_no_key_is_configured()
    {
        var open = new ApiKeys(Options.Create(new ApiAccessOptions { ApiKey = " " }));

        Assert.False(open.Required);
        Assert.True(_keys.Required);
    }
}
