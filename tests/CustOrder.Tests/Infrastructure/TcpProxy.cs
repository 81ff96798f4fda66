using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CustOrder.Tests.Infrastructure;

/// <summary>
/// A TCP forwarder on a loopback port that a test can cut and restore, as a network fault would:
/// cut closes every forwarded connection and takes new ones without ever answering (a black hole,
/// the worst case for a client's timeout); restore forwards again.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<TcpClient, bool> _open = new();
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly Task _accepting;
    private volatile bool _cut;

    public TcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Cut()
    {
        _cut = true;
        CloseAll();
    }

    public void Restore()
    {
        _cut = false;
        // Connections taken in while cut were never forwarded: close them, the client reconnects.
        CloseAll();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _open[client] = true;
            if (!_cut)
            {
                _ = ForwardAsync(client);
            }
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var upstream = new TcpClient();
        _open[upstream] = true;
        try
        {
            await upstream.ConnectAsync(_targetHost, _targetPort, _stop.Token);
            var down = client.GetStream();
            var up = upstream.GetStream();
            await Task.WhenAny(down.CopyToAsync(up, _stop.Token), up.CopyToAsync(down, _stop.Token));
        }
        catch (Exception)
        {
            // A cut or a closed end: the other end is closed below, as a broken network would leave it.
        }
        finally
        {
            Close(client);
            Close(upstream);
        }
    }

    private void CloseAll()
    {
        foreach (var connection in _open.Keys)
        {
            Close(connection);
        }
    }

    private void Close(TcpClient connection)
    {
        _open.TryRemove(connection, out _);
        connection.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CloseAll();
        await _accepting;
        _stop.Dispose();
    }
}
