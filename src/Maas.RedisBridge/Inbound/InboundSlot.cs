namespace Maas.RedisBridge.Inbound;

/// <summary>
/// One handling's share of <c>REDIS_INBOUND_CONCURRENCY</c>. A request held while the database is away gives its
/// share back while it waits, so held requests never stop the channels from being read.
/// </summary>
internal sealed class InboundSlot(SemaphoreSlim shares)
{
    private bool _holding = true;

    public void Release()
    {
        if (_holding)
        {
            _holding = false;
            shares.Release();
        }
    }

    /// <summary>Takes a share again; false when the engine stops first.</summary>
    public async Task<bool> Retake(CancellationToken stopping)
    {
        if (_holding)
        {
            return true;
        }

        try
        {
            await shares.WaitAsync(stopping);
            _holding = true;
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
    }
}
