using System.Collections.Concurrent;
using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Veza.Application.Radio.Commands.AnnounceLiveSet;
using Veza.Application.Radio.Commands.CueNextTrack;
using Veza.Domain.Ports;
using Veza.Domain.Radio;

namespace Veza.Infrastructure.Radio;

/// <summary>
/// One station on air on this node: cues the next track (the application decides what), encodes it in real
/// time with ffmpeg to MP3 128 kbps, and writes the frames into the station's <see cref="LiveRing"/>, which
/// every listener reads. One encoder whatever the number of listeners; tracks follow each other in one stream.
/// Across nodes, one engine conducts the station (it holds the station's air lease, <see cref="StationAir"/>)
/// and cues; engines on other nodes follow what it put on air, from the same moment, and take the lease
/// when it lapses (the conductor died) or is released.
/// </summary>
public sealed partial class StationEngine : IAsyncDisposable
{
    /// <summary>128 kbps.</summary>
    public const int BytesPerSecond = 16_000;

    /// <summary>Live HLS: segments of this many seconds, a window of this many segments.</summary>
    private const int HlsSegmentSeconds = 4, HlsWindowSegments = 6;

    /// <summary>An HLS player fetches the playlist about once a segment: one that fetched it within the window still listens.</summary>
    public static readonly TimeSpan HlsListenerWindow = TimeSpan.FromSeconds(HlsSegmentSeconds * HlsWindowSegments);

    private static readonly TimeSpan NothingToPlayPause = TimeSpan.FromSeconds(2);

    /// <summary>Closer than this to either end of a track, a follower plays it whole or not at all: the encoder starts that fast.</summary>
    private static readonly TimeSpan NearlyOver = TimeSpan.FromMilliseconds(250);

    /// <summary>A follower between the conductor's tracks: short, so it joins the next one promptly.</summary>
    private static readonly TimeSpan WaitingForConductorPause = TimeSpan.FromMilliseconds(500);

    private readonly Guid _stationId;
    private readonly IServiceScopeFactory _scopes;
    private readonly IFileStorage _files;
    private readonly RadioOptions _options;
    private readonly IClock _clock;
    private readonly ILogger _logger;
    private readonly StationAir _air;
    private readonly string _node;
    private readonly Task _watch;
    private volatile bool _conducting;
    private OnAir? _followed;
    private readonly CancellationTokenSource _stop = new();
    private readonly ScratchDirectory _hls;
    private long _lastListenedElsewhereTicks;
    private readonly Task _loop;
    private CancellationTokenSource? _track;
    private LiveSource? _liveSource;
    private int _listeners;
    private int _icecastListeners;
    private readonly ConcurrentDictionary<string, long> _hlsFetches = new();
    private OnAir? _onAir;
    private DateTimeOffset _lastListenerLeft;

    public StationEngine(
        Guid stationId, IServiceScopeFactory scopes, IFileStorage files, IScratchSpace scratch, StationAir air, string node, RadioOptions options, IClock clock, ILogger logger)
    {
        (_stationId, _scopes, _files, _air, _node, _options, _clock, _logger) = (stationId, scopes, files, air, node, options, clock, logger);
        Ring = new LiveRing(options.BufferSeconds * BytesPerSecond);
        _hls = scratch.Create($"radio-{stationId:N}");
        Relay = options.UsesIcecast ? new IcecastRelay(stationId, Ring, options, logger) : null;
        _lastListenerLeft = clock.UtcNow;
        _loop = Task.Run(() => RunAsync(_stop.Token));
        _watch = Task.Run(() => WatchAirAsync(_stop.Token));
    }

    /// <summary>Whether this node conducts the station (cues its tracks) rather than following another node.</summary>
    public bool Conducting => _conducting;

    public LiveRing Ring { get; }

    /// <summary>Connections to this node's live.mp3.</summary>
    public int Listeners => Volatile.Read(ref _listeners);

    /// <summary>
    /// Everyone hearing the station through this node: live.mp3 connections, HLS players (distinct listeners
    /// who fetched the playlist within <see cref="HlsListenerWindow"/>) and, with Icecast, the listeners it last
    /// reported on the station's mount. What a station's answers show and what a cue records with its play.
    /// </summary>
    public int Audience => Listeners + HlsListeners() + Volatile.Read(ref _icecastListeners);

    public OnAir? NowPlaying => Volatile.Read(ref _onAir);

    /// <summary>Whether it had no listener, of the MP3 stream, of HLS or on Icecast, for the idle timeout (then it is stopped).</summary>
    public bool IsIdle => Listeners == 0 && _clock.UtcNow - _lastListenerLeft >= _options.IdleTimeout
        && _clock.UtcNow - new DateTimeOffset(Interlocked.Read(ref _lastListenedElsewhereTicks), TimeSpan.Zero) >= _options.IdleTimeout;

    /// <summary>The push to Icecast, when the station's listeners are served there.</summary>
    public IcecastRelay? Relay { get; }

    /// <summary>The live HLS playlist (AAC, a sliding window of segments) and its segments live here.</summary>
    public string HlsDirectory => _hls.Path;

    /// <summary>
    /// Someone listens where the engine does not count connections (an HLS playlist fetch, listeners on
    /// Icecast): the station counts as listened to until the idle timeout passes without another sign.
    /// </summary>
    public void MarkListened() => Interlocked.Exchange(ref _lastListenedElsewhereTicks, _clock.UtcNow.UtcTicks);

    /// <summary>A listener (the signed URL's listener id) fetched the live HLS playlist.</summary>
    public void HlsFetched(string listenerId)
    {
        _hlsFetches[listenerId] = _clock.UtcNow.UtcTicks;
        MarkListened();
    }

    /// <summary>What Icecast reports on the station's mount (the idle sweep asks it every second).</summary>
    public void IcecastCounted(int listeners)
    {
        Volatile.Write(ref _icecastListeners, listeners);
        if (listeners > 0)
        {
            MarkListened();
        }
    }

    /// <summary>Distinct listeners who fetched the HLS playlist within the window; those who stopped are forgotten.</summary>
    private int HlsListeners()
    {
        var since = (_clock.UtcNow - HlsListenerWindow).UtcTicks;
        var count = 0;
        foreach (var fetch in _hlsFetches)
        {
            if (fetch.Value >= since)
            {
                count++;
            }
            else
            {
                _hlsFetches.TryRemove(fetch);
            }
        }

        return count;
    }

    public void ListenerJoined() => Interlocked.Increment(ref _listeners);

    public void ListenerLeft()
    {
        if (Interlocked.Decrement(ref _listeners) == 0)
        {
            _lastListenerLeft = _clock.UtcNow;
        }
    }

    public void Skip()
    {
        try
        {
            Volatile.Read(ref _track)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That track had just ended: the next one is already starting.
        }
    }

    /// <summary>Puts a live source on air at the next moment (the current track is cut); completes when the source ends.</summary>
    /// <returns>False when another live source is on air.</returns>
    public async Task<bool> PlayLiveAsync(string dj, Stream source, CancellationToken cancellationToken)
    {
        var live = new LiveSource(dj, source, cancellationToken);
        if (Interlocked.CompareExchange(ref _liveSource, live, null) is not null)
        {
            return false;
        }

        Skip();
        try
        {
            await live.Ended.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            // Also done by the playout when the set ends; here for a caller that gives up first.
            Interlocked.CompareExchange(ref _liveSource, null, live);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_loop, _watch);
        }
        catch (OperationCanceledException)
        {
        }

        if (_conducting)
        {
            // Stopped on purpose: off air, unless another node's listeners keep it (that node takes the lease).
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _air.ReleaseAsync(_stationId, _node, timeout.Token);
            }
            catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or ObjectDisposedException)
            {
                // The lease lapses on its own: another node may take the station a few seconds later.
                LogAirFailed(_logger, _stationId, ex);
            }
        }

        if (Relay is not null)
        {
            await Relay.DisposeAsync();
        }

        Ring.Close();
        _stop.Dispose();
        _hls.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        // The role is decided once here; from then on the watcher alone keeps it (renews, loses, takes over).
        _conducting = await TryHoldAirAsync(stop);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await PlayNextAsync(stop);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One bad track, source or file must not silence the station for good: log, breathe, go on.
                LogPlayoutFailed(_logger, _stationId, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
        }
    }

    /// <summary>One turn of the playout: the live set, the next track, or a stretch of silence.</summary>
    private async Task PlayNextAsync(CancellationToken stop)
    {
        if (Volatile.Read(ref _liveSource) is { } live)
        {
            await PlayLiveSourceAsync(live, stop);
            return;
        }

        var (next, from) = _conducting ? (await CueAsync(stop), TimeSpan.Zero) : await FollowAsync(stop);
        using var track = CancellationTokenSource.CreateLinkedTokenSource(stop);
        Volatile.Write(ref _track, track);
        if (next is null)
        {
            // Nothing the radio may play: silence keeps listeners connected until something is.
            Volatile.Write(ref _onAir, null);
            var pause = _conducting ? NothingToPlayPause : WaitingForConductorPause;
            await EncodeAsync(["-f", "lavfi", "-t", Seconds(pause), "-i", "anullsrc=r=44100:cl=stereo"], null, track.Token);
            return;
        }

        Volatile.Write(ref _onAir, next);
        Ring.MarkTitle($"{next.Artist} - {next.Title}");
        // A follower joins the conductor's track where it is now (input seeking: ffmpeg skips the start).
        string[] seek = from > TimeSpan.Zero ? ["-ss", Seconds(from)] : [];
        var file = next.FileKey!;
        if (_files is ILocalFileAccess local)
        {
            await EncodeAsync([.. seek, "-i", local.PathFor(file)], null, track.Token);
            return;
        }

        // Storage elsewhere (object storage): the file is piped to the encoder as it downloads.
        await using var stored = await _files.OpenReadAsync(file, track.Token);
        await EncodeAsync([.. seek, "-i", "pipe:0"], stored?.Content, track.Token);
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// What a follower plays next given what the conductor published: that track from where the conductor
    /// is in it now, or nothing (wait) when nothing is published, it was already followed, or it is (nearly) over.
    /// </summary>
    public static (OnAir? Next, TimeSpan From) Follow(OnAir? published, OnAir? followed, DateTimeOffset now)
    {
        // A DJ's set is heard only through the node its source reached: there is no file to follow.
        if (published is null || published.IsLiveSet || published == followed)
        {
            return (null, TimeSpan.Zero);
        }

        var from = now - published.StartedAt;
        if (published.Duration is { } duration && from >= duration - NearlyOver)
        {
            return (null, TimeSpan.Zero);
        }

        return (published, from < NearlyOver ? TimeSpan.Zero : from);
    }

    /// <summary>Takes or renews the station's air lease; on a database failure, keeps the role it had.</summary>
    private async Task<bool> TryHoldAirAsync(CancellationToken stop)
    {
        try
        {
            var now = _clock.UtcNow;
            return await _air.HoldAsync(_stationId, _node, now, now + _options.AirLease, stop);
        }
        catch (Exception ex) when (IsAirFailure(ex))
        {
            LogAirFailed(_logger, _stationId, ex);
            return _conducting;
        }
    }

    /// <summary>The database failing under the air row: the engine plays on in the role it has.</summary>
    private static bool IsAirFailure(Exception ex) =>
        ex is NpgsqlException or InvalidOperationException or TimeoutException or System.Text.Json.JsonException;

    /// <summary>The conductor asks the application what plays next, and publishes it for the followers.</summary>
    private async Task<OnAir?> CueAsync(CancellationToken stop)
    {
        OnAir? next;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            next = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CueNextTrackCommand(_stationId, Audience), stop);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCueFailed(_logger, _stationId, ex);
            return null;
        }

        // Cued (and recorded) is played here even if followers cannot hear of it: they wait for the next one.
        await AnnounceAsync(next, stop);
        return next;
    }

    private async Task AnnounceAsync(OnAir? onAir, CancellationToken stop)
    {
        try
        {
            await _air.AnnounceAsync(_stationId, _node, onAir, stop);
        }
        catch (Exception ex) when (IsAirFailure(ex))
        {
            LogAirFailed(_logger, _stationId, ex);
        }
    }

    private async Task<(OnAir? Next, TimeSpan From)> FollowAsync(CancellationToken stop)
    {
        try
        {
            var published = (await _air.ReadAsync(_stationId, stop))?.OnAir;
            var (next, from) = Follow(published, _followed, _clock.UtcNow);
            if (published is not null)
            {
                _followed = published;
            }

            return (next, from);
        }
        catch (Exception ex) when (IsAirFailure(ex))
        {
            LogAirFailed(_logger, _stationId, ex);
            return (null, TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Every tenth of the lease: the conductor renews it (a lost lease makes it a follower from the next track)
    /// and takes skips asked on other nodes; a follower cuts its track when the conductor put another on air.
    /// </summary>
    private async Task WatchAirAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_options.AirLease / 10);
        while (await timer.WaitForNextTickAsync(stop))
        {
            try
            {
                if (_conducting)
                {
                    _conducting = await TryHoldAirAsync(stop);
                    if (_conducting && await _air.TakeSkipAsync(_stationId, _node, stop))
                    {
                        Skip();
                    }
                }
                else if (await _air.ReadAsync(_stationId, stop) is not { } state || state.LeaseUntil < _clock.UtcNow)
                {
                    // The conductor released the station or died: conduct it from here, on from what plays now.
                    _conducting = await TryHoldAirAsync(stop);
                    if (_conducting)
                    {
                        await AnnounceAsync(Volatile.Read(ref _onAir), stop);
                    }
                }
                else if (Volatile.Read(ref _onAir) is { IsLiveSet: false } playing && state.OnAir is { } published && published != playing)
                {
                    // (A DJ's set on this node plays on whatever the conductor does.)
                    Skip();
                }
            }
            catch (Exception ex) when (IsAirFailure(ex))
            {
                LogAirFailed(_logger, _stationId, ex);
            }
        }
    }

    /// <summary>A DJ's stream, encoded like a track (the same format for listeners) until the DJ disconnects.</summary>
    private async Task PlayLiveSourceAsync(LiveSource live, CancellationToken stop)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stop, live.Disconnected);
        Volatile.Write(ref _track, session);
        var set = await AnnounceLiveSetAsync(live.Dj, stop);
        Volatile.Write(ref _onAir, set);
        Ring.MarkTitle(set.Title);
        try
        {
            // Paced like a track (-re): an encoder that sends in bursts cannot run ahead of the listeners.
            await EncodeAsync(["-i", "pipe:0"], live.Source, session.Token);
        }
        finally
        {
            // Cleared before the set's caller hears it ended, so the loop never plays the spent source a second time
            // (its request body is disposed once the caller returns).
            Interlocked.CompareExchange(ref _liveSource, null, live);
            live.Ended.TrySetResult();
        }
    }

    /// <summary>The set recorded in the station's history and announced (now_playing); on a failure, only played.</summary>
    private async Task<OnAir> AnnounceLiveSetAsync(string dj, CancellationToken stop)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new AnnounceLiveSetCommand(_stationId, dj, Audience), stop) is { } set)
            {
                return set;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLiveSetNotRecorded(_logger, _stationId, ex);
        }

        return OnAir.LiveSet(dj, _clock.UtcNow);
    }

    /// <summary>Encodes one input in real time (-re) into the ring; returns when it ends, is skipped, or the station stops.</summary>
    private async Task EncodeAsync(string[] input, Stream? standardInput, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_options.FfmpegPath)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = standardInput is not null, UseShellExecute = false,
        };
        foreach (var argument in (string[])[.. standardInput is null ? ["-nostdin"] : Array.Empty<string>(), "-hide_banner", "-v", "error", "-re", .. input, "-map", "0:a:0", "-vn", "-map_metadata", "-1",
                     "-c:a", "libmp3lame", "-b:a", "128k", "-ar", "44100", "-ac", "2", "-write_xing", "0", "-id3v2_version", "0", "-flush_packets", "1", "-f", "mp3", "pipe:1",
                     // The same encoder's second output: live HLS in AAC for browsers, a sliding window, numbering carried across tracks.
                     "-map", "0:a:0", "-vn", "-c:a", "aac", "-b:a", "128k", "-ar", "44100", "-ac", "2", "-f", "hls", "-hls_time", Invariant(HlsSegmentSeconds), "-hls_list_size", Invariant(HlsWindowSegments),
                     "-hls_flags", "delete_segments+append_list+omit_endlist+discont_start+temp_file", "-hls_segment_filename", Path.Combine(_hls.Path, "seg-%d.ts"),
                     Path.Combine(_hls.Path, "live.m3u8")])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var feeding = standardInput is null ? Task.CompletedTask : FeedAsync(standardInput, process.StandardInput.BaseStream, cancellationToken);
        var buffer = new byte[4096];
        try
        {
            var output = process.StandardOutput.BaseStream;
            int read;
            while ((read = await output.ReadAsync(buffer, cancellationToken)) > 0)
            {
                Ring.Write(buffer.AsSpan(0, read));
            }

            await process.WaitForExitAsync(cancellationToken);
            await feeding;
        }
        catch (OperationCanceledException)
        {
            // Skipped or stopped: the next track (or nothing) follows.
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task FeedAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        try
        {
            await source.CopyToAsync(destination, cancellationToken);
        }
        catch (IOException)
        {
            // The encoder stopped reading (skipped), or the DJ's connection broke: nothing more to feed.
        }
        catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException)
        {
            // The set's request ended or the station stopped: nothing more to feed.
        }
        finally
        {
            await destination.DisposeAsync();
        }
    }

    private sealed class LiveSource(string dj, Stream source, CancellationToken disconnected)
    {
        public string Dj { get; } = dj;
        public Stream Source { get; } = source;
        public CancellationToken Disconnected { get; } = disconnected;
        public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(EventId = 3802, Level = LogLevel.Warning, Message = "Station {StationId} could not read or renew its air lease")]
    private static partial void LogAirFailed(ILogger logger, Guid stationId, Exception ex);

    [LoggerMessage(EventId = 3805, Level = LogLevel.Error, Message = "Station {StationId} failed to play what came next; it goes on with the track after")]
    private static partial void LogPlayoutFailed(ILogger logger, Guid stationId, Exception ex);

    [LoggerMessage(EventId = 3800, Level = LogLevel.Warning, Message = "Station {StationId} could not cue its next track")]
    private static partial void LogCueFailed(ILogger logger, Guid stationId, Exception ex);

    [LoggerMessage(EventId = 3806, Level = LogLevel.Warning, Message = "Station {StationId} plays a DJ's set it could not record or announce")]
    private static partial void LogLiveSetNotRecorded(ILogger logger, Guid stationId, Exception ex);
}
