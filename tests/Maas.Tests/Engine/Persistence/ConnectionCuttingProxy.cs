using System.Net;
using System.Net.Sockets;

namespace Maas.Tests.Engine.Persistence;

/// <summary>
/// A TCP relay between the engine and the real PostgreSQL that can cut a connection at the worst moment for a client:
/// once armed, the next time the server says it is ready for a query (its transaction is over, committed), the relay
/// drops that answer and resets the client's connection. The server has done the work; the client cannot know.
/// </summary>
internal sealed class ConnectionCuttingProxy : IAsyncDisposable
{
    // PostgreSQL's ReadyForQuery message: 'Z', then its length (5) as a big-endian int32.
    private static readonly byte[] ReadyForQuery = [(byte)'Z', 0, 0, 0, 5];

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _cut = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _accepting;
    private int _armed;

    private ConnectionCuttingProxy(IPEndPoint server)
    {
        _server = server;
        _listener.Start();
        _accepting = Accept();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Completes when a connection has been cut.</summary>
    public Task Cut => _cut.Task;

    public static ConnectionCuttingProxy To(string host, int port) => new(new IPEndPoint(IPAddress.Parse(host), port));

    public void CutAfterNextCommit() => Volatile.Write(ref _armed, 1);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task Accept()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Relay(client);
        }
    }

    private async Task Relay(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_server, _stop.Token);
            var up = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
            var down = Down(server.GetStream(), client);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task Down(NetworkStream server, TcpClient client)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await server.ReadAsync(buffer, _stop.Token)) > 0)
        {
            if (Volatile.Read(ref _armed) == 1 && buffer.AsSpan(0, read).IndexOf(ReadyForQuery) >= 0 && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Client.Close();
                _cut.TrySetResult();
                return;
            }

            await client.GetStream().WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }
}
