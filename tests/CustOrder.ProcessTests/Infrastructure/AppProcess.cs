using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CustOrder.ProcessTests.Infrastructure;

/// <summary>
/// One running instance of the built app: <c>dotnet CustOrder.Api.dll --urls http://127.0.0.1:PORT</c>, a
/// process of its own. Its output is drained (a full pipe would block it) and its last lines kept for failures.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lastLines = new();

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    public string LastLines => string.Join('\n', _lastLines);

    /// <summary>Starts an instance on a free loopback port and waits until <c>/health/ready</c> answers 200.</summary>
    public static async Task<AppProcess> StartAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        var app = new AppProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."), address);
        app.Drain();
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartLimit)
        {
            if (app._process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {app._process.ExitCode} before it was ready:\n{app.LastLines}");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken);
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Not answering yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        await app.DisposeAsync();
        throw new TimeoutException($"The app was not ready within {StartLimit}:\n{app.LastLines}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, no finished requests; what a crash or an OOM kill is.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Drain()
    {
        void Keep(object? sender, DataReceivedEventArgs line)
        {
            if (line.Data is null)
            {
                return;
            }

            _lastLines.Enqueue(line.Data);
            while (_lastLines.Count > 40 && _lastLines.TryDequeue(out _))
            {
            }
        }

        _process.OutputDataReceived += Keep;
        _process.ErrorDataReceived += Keep;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
