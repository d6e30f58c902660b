using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Veza.Domain.Ports;
using Veza.Domain.Radio;

namespace Veza.Infrastructure.Radio;

/// <summary>
/// <see cref="IRadioPlayout"/> on this node: a <see cref="StationEngine"/> per station while it has
/// listeners, started by the first one and stopped after <see cref="RadioOptions.IdleTimeout"/> without any.
/// Stations whose conducting node died (their air lease lapsed while on air) are taken over here.
/// </summary>
public sealed partial class RadioPlayout(
    IServiceScopeFactory scopes, IFileStorage files, IScratchSpace scratch, StationAir air, NodeIdentity node,
    IOptions<RadioOptions> options, IClock clock, ILogger<RadioPlayout> logger) : BackgroundService, IRadioPlayout
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    /// <summary>Stations whose node died are looked for every this many sweeps (5 s): a database read per node.</summary>
    private const int SweepsPerAdoptionCheck = 5;

    /// <summary>A station whose conductor died longer ago than this stays off air until its next listener.</summary>
    private static readonly TimeSpan OrphanHorizon = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<Guid, Lazy<StationEngine>> _engines = new();

    public StationLiveState StateOf(Guid stationId) =>
        _engines.TryGetValue(stationId, out var engine) && engine.IsValueCreated
            ? new StationLiveState(true, engine.Value.Audience, engine.Value.NowPlaying)
            : new StationLiveState(false, 0, null);

    public Task SkipAsync(Guid stationId, CancellationToken cancellationToken)
    {
        if (_engines.TryGetValue(stationId, out var engine) && engine.IsValueCreated && engine.Value.Conducting)
        {
            engine.Value.Skip();
            return Task.CompletedTask;
        }

        // Conducted on another node (or not on air): its conductor takes the skip on its next check.
        return air.RequestSkipAsync(stationId, cancellationToken);
    }

    public Task<bool> PlayLiveSourceAsync(Guid stationId, string dj, Stream source, CancellationToken cancellationToken) =>
        Engine(stationId).PlayLiveAsync(dj, source, cancellationToken);

    public async Task StopAsync(Guid stationId, CancellationToken cancellationToken)
    {
        if (_engines.TryRemove(stationId, out var engine) && engine.IsValueCreated)
        {
            await engine.Value.DisposeAsync();
        }
    }

    /// <summary>A listener arrives: the station's engine (started if it was not), counted until the lease is disposed.</summary>
    public ListenerLease Listen(Guid stationId)
    {
        var engine = Engine(stationId);
        engine.ListenerJoined();
        return new ListenerLease(engine, engine.Ring.StartFor(options.Value.BurstSeconds * StationEngine.BytesPerSecond));
    }

    private StationEngine Engine(Guid stationId) =>
        _engines.GetOrAdd(stationId, id => new Lazy<StationEngine>(() => new StationEngine(id, scopes, files, scratch, air, node.Id, options.Value, clock, logger))).Value;

    /// <summary>
    /// The station's live HLS file (the playlist or a segment), its engine started if it was not; waits a
    /// few seconds for the playlist of a station just started. Null when it does not (yet) exist. A playlist
    /// fetch counts <paramref name="listenerId"/> (the signed URL's) among the station's HLS listeners.
    /// </summary>
    public async Task<string?> HlsFileAsync(Guid stationId, string name, string listenerId, CancellationToken cancellationToken)
    {
        var engine = Engine(stationId);
        var path = Path.Combine(engine.HlsDirectory, name);
        if (name == "live.m3u8")
        {
            engine.HlsFetched(listenerId);
            for (var i = 0; i < 100 && !File.Exists(path); i++)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        return File.Exists(path) ? path : null;
    }

    /// <summary>
    /// With Icecast serving listeners: the station on air (started if it was not) and where its listeners go;
    /// null when the API serves its listeners itself.
    /// </summary>
    public Uri? IcecastUrlFor(Guid stationId)
    {
        if (!options.Value.UsesIcecast)
        {
            return null;
        }

        var engine = Engine(stationId);
        // Until Icecast reports the listener just sent there, it counts as one.
        engine.MarkListened();
        return engine.Relay!.PublicUrl;
    }

    /// <summary>Notes Icecast's listeners of each station, and stops the stations idle for the timeout; what the timer runs, and tests call.</summary>
    public async Task SweepIdleAsync()
    {
        foreach (var (_, engine) in _engines)
        {
            if (engine.IsValueCreated && engine.Value.Relay is { } relay && await relay.ListenersAsync(CancellationToken.None) is { } listeners)
            {
                engine.Value.IcecastCounted(listeners);
            }
        }

        foreach (var (stationId, engine) in _engines)
        {
            if (engine.IsValueCreated && engine.Value.IsIdle && _engines.TryRemove(KeyValuePair.Create(stationId, engine)))
            {
                await engine.Value.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Puts on air here the stations whose conductor died (lease lapsed, not released); what the timer runs,
    /// and tests call. Listeners who come back, on any node, find the station playing and its queue going on.
    /// </summary>
    public async Task AdoptOrphanedStationsAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        foreach (var stationId in await air.OrphanedAsync(now, now - OrphanHorizon, cancellationToken))
        {
            if (!_engines.ContainsKey(stationId))
            {
                LogAdopting(logger, stationId);
                Engine(stationId);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval);
        var sweeps = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepIdleAsync();
                if (++sweeps % SweepsPerAdoptionCheck == 0)
                {
                    try
                    {
                        await AdoptOrphanedStationsAsync(stoppingToken);
                    }
                    catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
                    {
                        LogAdoptionFailed(logger, ex);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var stationId in _engines.Keys)
        {
            await StopAsync(stationId, cancellationToken);
        }
    }
}

public sealed partial class RadioPlayout
{
    [LoggerMessage(EventId = 3803, Level = LogLevel.Warning, Message = "Station {StationId} lost its conducting node: taking it over")]
    private static partial void LogAdopting(ILogger logger, Guid stationId);

    [LoggerMessage(EventId = 3804, Level = LogLevel.Warning, Message = "Could not look for stations whose node died")]
    private static partial void LogAdoptionFailed(ILogger logger, Exception ex);
}

/// <summary>One listener of a station: where it reads from; disposing it counts it gone.</summary>
public sealed class ListenerLease(StationEngine engine, long start) : IDisposable
{
    private int _disposed;

    public LiveRing Ring => engine.Ring;

    public long Start { get; } = start;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            engine.ListenerLeft();
        }
    }
}
