using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Veza.TestKit;

/// <summary>
/// A PostgreSQL server to make throw-away databases on: the one build/test.sh started (VEZA_TEST_PG, the
/// admin connection string), or a cluster of its own (initdb in a temporary directory, loopback port, fsync
/// off, trust auth), started the way build/lib/services.sh starts one and removed on dispose.
/// PostgreSQL refuses to run as root: as root its tools run as the 'postgres' system user.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>The variable build/test.sh sets to the admin connection string of the server it started.</summary>
    public const string SharedServerVariable = "VEZA_TEST_PG";

    private readonly string? _directory;
    private readonly string? _binaries;

    private PostgresServer(string adminConnectionString, string? directory, string? binaries)
    {
        AdminConnectionString = adminConnectionString;
        _directory = directory;
        _binaries = binaries;
    }

    /// <summary>Connects as a superuser to the server's postgres database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>True when this object started the server (and stops it on dispose).</summary>
    public bool IsOwned => _directory is not null;

    /// <summary>The admin connection string of the server build/test.sh started; throws when there is none.</summary>
    public static string SharedAdminConnectionString =>
        Environment.GetEnvironmentVariable(SharedServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{SharedServerVariable} is not set: run the tests through build/test.sh, which starts the servers they need.");

    /// <summary>The server build/test.sh started when VEZA_TEST_PG is set, else a cluster of its own.</summary>
    public static Task<PostgresServer> SharedOrOwnAsync(CancellationToken cancellationToken = default) =>
        Environment.GetEnvironmentVariable(SharedServerVariable) is { Length: > 0 } shared
            ? Task.FromResult(new PostgresServer(shared, null, null))
            : StartOwnAsync(cancellationToken);

    /// <summary>initdb and pg_ctl start in a new temporary directory, on a free loopback port.</summary>
    public static async Task<PostgresServer> StartOwnAsync(CancellationToken cancellationToken = default)
    {
        var binaries = Environment.GetEnvironmentVariable("VEZA_PG_BIN") is { Length: > 0 } configured
            ? configured
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(Directory.Exists)
                    .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).LastOrDefault()
                : null;
        if (binaries is null || !File.Exists(Path.Combine(binaries, "initdb")))
        {
            throw new InvalidOperationException("PostgreSQL's server binaries were not found (apt-get install postgresql, or set VEZA_PG_BIN to the directory holding initdb and pg_ctl).");
        }

        var directory = Path.Combine(Path.GetTempPath(), $"veza-kit-pg-{Guid.NewGuid():N}"[..28]);
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", ["postgres:", directory], asPostgres: false, cancellationToken);
        }

        var port = FreePort();
        var server = new PostgresServer($"Host=127.0.0.1;Port={port};Username=veza;Database=postgres", directory, binaries);
        try
        {
            await RunAsync(Path.Combine(binaries, "initdb"), ["-D", directory, "-U", "veza", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], true, cancellationToken);
            await RunAsync(Path.Combine(binaries, "pg_ctl"),
                ["-D", directory, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "-o",
                 $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start"], true, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_directory is null || _binaries is null)
        {
            return;
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(_directory, "postmaster.pid")))
        {
            try
            {
                await RunAsync(Path.Combine(_binaries, "pg_ctl"), ["-D", _directory, "-m", "immediate", "-w", "stop"], true, CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // Already gone: nothing to stop.
            }
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static async Task RunAsync(string tool, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var asOtherUser = asPostgres && Environment.IsPrivilegedProcess;
        var start = new ProcessStartInfo(asOtherUser ? "runuser" : tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asOtherUser)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", tool })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(tool)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
