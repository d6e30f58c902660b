using System.Collections.Concurrent;
using System.Diagnostics;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>Runs tests/Veza.CrashTestNode as a real process, so a test can SIGKILL a node that holds a job.</summary>
public sealed class CrashTestNodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private CrashTestNodeProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output => string.Join('\n', _lines);

    /// <param name="arguments">A mode and its arguments (see tests/Veza.CrashTestNode); none runs the job that never finishes.</param>
    public static CrashTestNodeProcess Start(string connectionString, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Veza.CrashTestNode.dll"));
        start.ArgumentList.Add(connectionString);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return new CrashTestNodeProcess(Process.Start(start)!);
    }

    public async Task<bool> WaitForLineAsync(string line, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            if (_lines.Contains(line))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return _lines.Contains(line);
    }

    /// <summary>SIGKILL: no shutdown hooks, no graceful hand-back, exactly what a crash leaves.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
