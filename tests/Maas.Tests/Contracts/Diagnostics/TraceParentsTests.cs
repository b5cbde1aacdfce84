using Maas.Contracts.Diagnostics;

namespace Maas.Tests.Contracts.Diagnostics;

public sealed class TraceParentsTests
{
    [Theory]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00")]
    public void A_w3c_traceparent_is_kept_as_sent(string traceParent) =>
        Assert.Equal(traceParent, TraceParents.Valid(traceParent));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331")]
    [InlineData("00-00000000000000000000000000000000-b7ad6b7169203331-01")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01")]
    [InlineData("00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra-text-that-is-long")]
    public void A_malformed_traceparent_is_ignored(string? traceParent) =>
        Assert.Null(TraceParents.Valid(traceParent));
}
