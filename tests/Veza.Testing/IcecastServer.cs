using System.Diagnostics;
using System.Globalization;

namespace Veza.Testing;

/// <summary>A throw-away icecast2 (Debian's) on a free loopback port, with a source password; disposing it stops it and deletes its files.</summary>
public sealed class IcecastServer : IDisposable
{
    public const string SourcePassword = "test-source";
    private readonly Process _process;
    private readonly string _work;

    private IcecastServer(Process process, string work, int port) => (_process, _work, Port) = (process, work, port);

    public int Port { get; }

    /// <summary>The server's process (its CPU and memory, for benchmarks).</summary>
    public int Pid => _process.Id;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public static IcecastServer Start()
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
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $"""
            <icecast>
              <limits><clients>5000</clients><sources>20</sources><queue-size>1048576</queue-size><burst-size>48000</burst-size></limits>
              <authentication><source-password>{SourcePassword}</source-password><admin-user>admin</admin-user><admin-password>test-admin</admin-password></authentication>
              <hostname>127.0.0.1</hostname>
              <listen-socket><port>{port}</port><bind-address>127.0.0.1</bind-address></listen-socket>
              <paths><logdir>{logs}</logdir><webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot></paths>
              <logging><errorlog>error.log</errorlog><accesslog>access.log</accesslog><loglevel>2</loglevel></logging>
              <security><chroot>0</chroot>{(Environment.UserName == "root" ? "<changeowner><user>nobody</user><group>nogroup</group></changeowner>" : "")}</security>
            </icecast>
            """));
        var process = Process.Start(new ProcessStartInfo("icecast2", ["-c", config]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
        return new IcecastServer(process, work, port);
    }

    /// <summary>Waits until the mount serves audio (a source connected), up to 20 s.</summary>
    public async Task WaitForMountAsync(string mount)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var response = await probe.GetAsync(new Uri(BaseAddress, mount), HttpCompletionOption.ResponseHeadersRead);
                if (response.IsSuccessStatusCode)
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
