using System.Diagnostics;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Benchmarks;

/// <summary>The built API as a child process on a free loopback port, migrated on start, stopped on dispose.</summary>
internal sealed class ApiProcess : IDisposable
{
    private readonly Process _process;

    private ApiProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    public static async Task<ApiProcess> StartAsync(string connectionString, string storageRoot, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Api", "bin", "Release", "net10.0", "Veza.Api.dll");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))! };
        start.ArgumentList.Add(Path.GetFullPath(dll));
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Veza"] = connectionString,
            ["Jwt__SigningKey"] = "benchmark-signing-key-0123456789abcdef-0123",
            ["Mfa__EncryptionKey"] = "YmVuY2htYXJrLW1mYS1lbmNyeXB0aW9uLWtleS0wMTI=",
            ["Storage__Root"] = storageRoot,
            ["Logging__LogLevel__Default"] = "Warning",
            ["RateLimiting__PerIp__PermitLimit"] = "100000000",
            ["RateLimiting__PerUser__PermitLimit"] = "100000000",
        }.Concat(settings ?? new Dictionary<string, string>()))
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not start the API.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[api] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var probe = new HttpClient { BaseAddress = api.BaseAddress };
        var ready = await Eventually.TrueAsync(async () =>
        {
            try
            {
                using var response = await probe.GetAsync("/ready");
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return process.HasExited;
            }
        }, TimeSpan.FromSeconds(60));
        if (!ready || process.HasExited)
        {
            api.Dispose();
            throw new InvalidOperationException("The API did not become ready.");
        }

        return api;
    }

    public long ResidentBytes() => ProcessMeter.ResidentBytes(Pid);

    public long PeakResidentBytes() => ProcessMeter.PeakResidentBytes(Pid);

    public void ResetPeak() => ProcessMeter.ResetPeak(Pid);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    internal static int FreePort() => ServerProcess.FreePort();
}
