using System.Net;
using System.Net.Sockets;

namespace Maas.Tests.Infrastructure;

/// <summary>
/// A loopback port that refuses connections until <see cref="Open"/>, then passes every byte on to a real server:
/// a server that "starts" when the test says so, with the real server behind it.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;

    private TcpForwarder(int port, int targetPort)
    {
        Port = port;
        _targetPort = targetPort;
    }

    /// <summary>The port clients connect to; nothing listens on it until <see cref="Open"/>.</summary>
    public int Port { get; }

    /// <summary>A forwarder to <paramref name="targetPort"/> on loopback, closed for now.</summary>
    public static TcpForwarder Closed(int targetPort)
    {
        // Borrow a port the system hands out, and give it back: connections to it are refused until Open.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new TcpForwarder(port, targetPort);
    }

    public void Open()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _accepting = Accept(_listener, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener?.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task Accept(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop);
            _ = Forward(client, stop);
        }
    }

    private async Task Forward(TcpClient client, CancellationToken stop)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, stop);
                await using var fromClient = client.GetStream();
                await using var fromServer = server.GetStream();
                await Task.WhenAny(fromClient.CopyToAsync(fromServer, stop), fromServer.CopyToAsync(fromClient, stop));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Either side hung up.
            }
        }
    }
}
