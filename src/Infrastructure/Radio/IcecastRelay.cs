using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Veza.Infrastructure.Radio;

/// <summary>
/// Pushes a live station to Icecast as a source (ffmpeg's icecast protocol, the stream copied as it is,
/// fed from the station's ring like one more listener), keeps the mount's StreamTitle in step with the
/// ring's titles, and reports how many listeners Icecast has on the mount. Reconnects after a failure.
/// </summary>
public sealed partial class IcecastRelay : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly LiveRing _ring;
    private readonly RadioOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public IcecastRelay(Guid stationId, LiveRing ring, RadioOptions options, ILogger logger)
    {
        (_ring, _options, _logger) = (ring, options, logger);
        Mount = MountOf(stationId);
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public string Mount { get; }

    /// <summary>The station's mount on Icecast.</summary>
    public static string MountOf(Guid stationId) => $"/{stationId:N}.mp3";

    /// <summary>The station whose mount <paramref name="path"/> is (without a query); null for any other path.</summary>
    public static Guid? StationOf(string path) =>
        path.Length == 37 && Guid.TryParseExact(path.AsSpan(1, 32), "N", out var id) && MountOf(id) == path ? id : null;

    /// <summary>Where listeners hear the station on Icecast.</summary>
    public Uri PublicUrl => new(new Uri((_options.IcecastPublicUrl ?? _options.IcecastUrl)!), Mount);

    /// <summary>Listeners Icecast reports on the mount; null when it cannot be asked.</summary>
    public async Task<int?> ListenersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var status = JsonDocument.Parse(await Http.GetStringAsync(new Uri(new Uri(_options.IcecastUrl!), "/status-json.xsl"), cancellationToken));
            if (!status.RootElement.GetProperty("icestats").TryGetProperty("source", out var sources))
            {
                return 0;
            }

            foreach (var source in sources.ValueKind == JsonValueKind.Array ? sources.EnumerateArray() : Enumerable.Repeat(sources, 1))
            {
                if (source.TryGetProperty("listenurl", out var url) && url.GetString()?.EndsWith(Mount, StringComparison.Ordinal) == true)
                {
                    return source.TryGetProperty("listeners", out var listeners) ? listeners.GetInt32() : 0;
                }
            }

            return 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await PushAsync(stop);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRelayFailed(_logger, Mount, ex);
            }

            await Task.Delay(RetryDelay, stop);
        }
    }

    private async Task PushAsync(CancellationToken stop)
    {
        var target = new UriBuilder(new Uri(_options.IcecastUrl!)) { Scheme = "icecast", UserName = "source", Password = _options.IcecastSourcePassword, Path = Mount }.Uri;
        var start = new ProcessStartInfo(_options.FfmpegPath) { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-hide_banner", "-v", "error", "-f", "mp3", "-i", "pipe:0", "-c", "copy", "-content_type", "audio/mpeg", "-f", "mp3", target.ToString()])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var input = process.StandardInput.BaseStream;
        var buffer = new byte[16384];
        var position = _ring.StartFor(0);
        string? sentTitle = null;
        try
        {
            while (!stop.IsCancellationRequested && !process.HasExited)
            {
                var (count, from) = await _ring.ReadAsync(position, buffer, stop);
                if (count == 0)
                {
                    return;
                }

                await input.WriteAsync(buffer.AsMemory(0, count), stop);
                await input.FlushAsync(stop);
                position = from + count;
                if (_ring.TitleAt(position) is { } title && title != sentTitle)
                {
                    sentTitle = await UpdateTitleAsync(title, stop) ? title : sentTitle;
                }
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Icecast's metadata update for the mount (the source credentials may update their own mount).</summary>
    private async Task<bool> UpdateTitleAsync(string title, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri(new Uri(_options.IcecastUrl!), $"/admin/metadata?mount={Uri.EscapeDataString(Mount)}&mode=updinfo&song={Uri.EscapeDataString(title)}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"source:{_options.IcecastSourcePassword}")));
        try
        {
            using var response = await Http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 3801, Level = LogLevel.Warning, Message = "Pushing {Mount} to Icecast failed; retrying")]
    private static partial void LogRelayFailed(ILogger logger, string mount, Exception ex);
}
