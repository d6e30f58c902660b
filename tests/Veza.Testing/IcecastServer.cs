using System.Diagnostics;
using System.Globalization;

namespace Veza.Testing;

/// <summary>
/// A throw-away icecast2 (Debian's) on a free loopback port, with a source password; disposing it stops it and
/// deletes its files. Given a listener-add URL, every <c>/*.mp3</c> mount admits only the listeners that URL
/// admits (Icecast's URL authentication, as docker/icecast.xml configures it for deployments).
/// </summary>
public sealed class IcecastServer : IDisposable
{
    public const string SourcePassword = "test-source";

    /// <summary>What Icecast sends listener-add as its Basic password (Radio:IcecastAuthSecret).</summary>
    public const string AuthSecret = "test-icecast-auth-secret-0123456789abcdef";
    private readonly Process _process;
    private readonly string _work;

    private IcecastServer(Process process, string work, int port) => (_process, _work, Port) = (process, work, port);

    public int Port { get; }

    /// <summary>The server's process (its CPU and memory, for benchmarks).</summary>
    public int Pid => _process.Id;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <param name="listenerAdd">The API's <c>/api/v1/radio/icecast/listener-add</c>; null admits every listener.</param>
    public static IcecastServer Start(Uri? listenerAdd = null)
    {
        var work = Directory.CreateTempSubdirectory("veza-icecast-").FullName;
        var logs = Path.Combine(work, "logs");
        Directory.CreateDirectory(logs);
        if (OperatingSystem.IsLinux())
        {
            // icecast2 refuses to run as root: it drops to nobody, which must write its logs.
            File.SetUnixFileMode(logs, (UnixFileMode)0x1FF);
            File.SetUnixFileMode(work, (UnixFileMode)0x1FF);
        }

        var port = ServerProcess.FreePort();
        var config = Path.Combine(work, "icecast.xml");
        var mounts = listenerAdd is null ? "" : $"""
            <mount type="default"><mount-name>/*.mp3</mount-name>
                <authentication type="url">
                  <option name="listener_add" value="{listenerAdd}"/><option name="username" value="icecast"/><option name="password" value="{AuthSecret}"/>
                </authentication>
              </mount>
            """;
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $"""
            <icecast>
              <limits><clients>5000</clients><sources>20</sources><queue-size>1048576</queue-size><burst-size>48000</burst-size></limits>
              <authentication><source-password>{SourcePassword}</source-password><admin-user>admin</admin-user><admin-password>test-admin</admin-password></authentication>
              <hostname>127.0.0.1</hostname>
              {mounts}
              <listen-socket><port>{port}</port><bind-address>127.0.0.1</bind-address></listen-socket>
              <paths><logdir>{logs}</logdir><webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot></paths>
              <logging><errorlog>error.log</errorlog><accesslog>access.log</accesslog><loglevel>2</loglevel></logging>
              <security><chroot>0</chroot>{(Environment.UserName == "root" ? "<changeowner><user>nobody</user><group>nogroup</group></changeowner>" : "")}</security>
            </icecast>
            """));
        var process = Process.Start(new ProcessStartInfo("icecast2", ["-c", config]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
        return new IcecastServer(process, work, port);
    }

    /// <summary>Waits until a source is connected on the mount (Icecast's status lists it; no listener is needed), up to 20 s.</summary>
    public async Task WaitForMountAsync(string mount)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 100; i++)
        {
            try
            {
                // Each source's listenurl is http://{hostname}:{port}{mount}.
                if ((await probe.GetStringAsync(new Uri(BaseAddress, "/status-json.xsl"))).Contains($":{Port}{mount}\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"icecast2 did not serve {mount}.");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_work, recursive: true);
    }
}
