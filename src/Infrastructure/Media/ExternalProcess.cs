using System.Diagnostics;
using System.Text;

namespace Veza.Infrastructure.Media;

public sealed record ProcessOutcome(int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// Runs a tool with its arguments passed one by one (<see cref="ProcessStartInfo.ArgumentList"/>, never a
/// joined command line, so no argument can be split or quoted into another), under a timeout; the process
/// tree is killed on timeout or cancellation.
/// </summary>
public static class ExternalProcess
{
    private const int MaxCapturedChars = 64 * 1024;

    public static Task<ProcessOutcome> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAsync(fileName, arguments, timeout, readStandardOutput: null, cancellationToken);

    /// <param name="readStandardOutput">
    /// Consumes standard output as bytes while the tool runs (decoded audio, for instance); when given,
    /// <see cref="ProcessOutcome.StandardOutput"/> is empty.
    /// </param>
    public static async Task<ProcessOutcome> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, Func<Stream, CancellationToken, Task>? readStandardOutput, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        if (readStandardOutput is null)
        {
            process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        }

        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Start();
        process.StandardInput.Close();
        if (readStandardOutput is null)
        {
            process.BeginOutputReadLine();
        }

        process.BeginErrorReadLine();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            if (readStandardOutput is not null)
            {
                await readStandardOutput(process.StandardOutput.BaseStream, limit.Token);
            }

            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{Path.GetFileName(fileName)} did not finish within {timeout.TotalSeconds:0} s and was stopped.");
        }
        catch
        {
            // The output reader failed: the tool must not outlive the call.
            Kill(process);
            throw;
        }

        // Drain the asynchronous readers (the exit can be seen before the last lines are).
        process.WaitForExit();
        lock (stdout)
        {
            lock (stderr)
            {
                return new ProcessOutcome(process.ExitCode, stdout.ToString(), stderr.ToString());
            }
        }
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            if (buffer.Length < MaxCapturedChars)
            {
                buffer.AppendLine(line);
            }
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
