using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Veza.Testing;

/// <summary>
/// A private redis-server or nats-server that a test may stop and start again (to prove fall-back and
/// catch-up), on its own loopback port so the shared servers are never disturbed.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Func<int, string[]> _arguments;
    private readonly string _binary;
    private Process? _process;

    private ServerProcess(string binary, Func<int, string[]> arguments)
    {
        _binary = binary;
        _arguments = arguments;
        Port = FreePort();
    }

    public int Port { get; }

    public static ServerProcess Redis() =>
        new(TestServers.RedisServerBinary, port => ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);

    public static ServerProcess Nats() =>
        new(TestServers.NatsServerBinary, port => ["-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(_binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in _arguments(Port))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(25);
            }
        }

        throw new InvalidOperationException($"{_binary} did not listen on {Port}.");
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
        }

        _process?.Dispose();
    }

    /// <summary>A loopback port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
