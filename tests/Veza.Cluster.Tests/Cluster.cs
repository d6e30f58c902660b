using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Veza.TestKit;

namespace Veza.Cluster.Tests;

/// <summary>
/// A cluster build/cluster.sh started (API nodes behind nginx on the servers build/test.sh started): the script is
/// driven as an operator drives it, and what it writes to DIR/cluster.env tells where each part listens.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private static readonly string Root = FindRoot();
    private readonly string _dir;
    private Dictionary<string, string> _env = [];

    private Cluster(string dir) => _dir = dir;

    /// <summary>nginx, balancing every node.</summary>
    public Uri Url => new(_env["URL"]);

    public int Nodes => int.Parse(_env["NODES"], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The cluster's database, for what tests check behind the API's back.</summary>
    public string ConnectionString => _env["VEZA_CLUSTER_PG"];

    public Uri Node(int n) => new(_env[$"NODE{n}_URL"]);

    /// <summary>Starts <paramref name="nodes"/> nodes; <paramref name="settings"/> (configuration keys) reach every node.</summary>
    public static async Task<Cluster> StartAsync(int nodes, IReadOnlyDictionary<string, string?> settings)
    {
        var dir = Path.Combine(Path.GetTempPath(), "veza-cluster-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        await File.WriteAllLinesAsync(Path.Combine(dir, "settings.env"), settings.Select(s => $"{s.Key.Replace(":", "__", StringComparison.Ordinal)}='{s.Value}'"));
        var cluster = new Cluster(dir);
        try
        {
            await cluster.RunAsync("up", nodes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            cluster.Reload();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public Task StopNodeAsync(int n) => RunAsync("stop-node", N(n));

    public Task KillNodeAsync(int n) => RunAsync("kill-node", N(n));

    public Task StartNodeAsync(int n) => RunAsync("start-node", N(n));

    public Task RollingRestartAsync() => RunAsync("rolling-restart");

    /// <summary>The process id of node <paramref name="n"/>, or null when it is not running.</summary>
    public int? PidOf(int n)
    {
        var file = Path.Combine(_dir, $"node{n}.pid");
        return File.Exists(file) ? int.Parse(File.ReadAllText(file).Trim(), System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>What node <paramref name="n"/> has logged (for failure messages).</summary>
    public string LogOf(int n)
    {
        var file = Path.Combine(_dir, $"node{n}.log");
        return File.Exists(file) ? string.Join('\n', File.ReadLines(file).TakeLast(60)) : "";
    }

    /// <summary>Every warning and error node <paramref name="n"/> logged, from all its runs (what explains a failure is rarely in the last lines).</summary>
    public string WarningsOf(int n)
    {
        var file = Path.Combine(_dir, $"node{n}.log");
        return File.Exists(file)
            ? string.Join('\n', File.ReadLines(file).Where(line => line.Contains("\"LogLevel\":\"Warning\"", StringComparison.Ordinal) || line.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) || line.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal)))
            : "";
    }

    /// <summary>nginx's access log (the balancer every node sits behind): one line per request with the upstreams it tried.</summary>
    public string BalancerLog() => File.ReadAllText(Path.Combine(_dir, "nginx-nginx.log"));

    /// <summary>Which node (1, 2, ...) a <c>claimed_by</c> value names: build/cluster.sh names them node1, node2, ...</summary>
    public static int NodeNamed(string claimedBy) =>
        int.Parse(claimedBy["node".Length..claimedBy.IndexOf('.', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);

    public Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters) => Sql.ScalarAsync<T>(ConnectionString, sql, parameters);

    /// <summary>An HTTP client whose connections leave from <paramref name="localAddress"/> (any 127.x.y.z), so the nodes see a client address of its own.</summary>
    public static HttpClient ClientFrom(Uri baseAddress, string localAddress = "127.0.0.1")
    {
        var local = IPAddress.Parse(localAddress);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) };
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // The database is dropped by the script: connections this process pooled to it must go first.
            NpgsqlConnection.ClearAllPools();
            await RunAsync("down");
        }
        finally
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void Reload() =>
        _env = File.ReadAllLines(Path.Combine(_dir, "cluster.env"))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1].Trim('\''));

    private async Task RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Root, "build", "cluster.sh"));
        start.ArgumentList.Add(arguments[0]);
        start.ArgumentList.Add(_dir);
        foreach (var argument in arguments.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"build/cluster.sh {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await errors}");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "build", "cluster.sh")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("build/cluster.sh not found above the test's directory.");
    }
}
