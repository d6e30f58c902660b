using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Veza.Domain.Ports;
using Veza.Infrastructure.Common;
using Veza.Infrastructure.Identity;

namespace Veza.Infrastructure.Sessions;

/// <summary>
/// The one-node default. Every revocation of this node passes through <see cref="MarkRevokedAsync"/>,
/// and at start-up the revocations of the last access-token lifetime are loaded from PostgreSQL (the
/// source of truth), so the check on every request costs no round trip. A revoked id is kept only as
/// long as an access token of its session can live. Until that load succeeds, checks ask PostgreSQL.
/// Several nodes must use the Redis adapter (see docs/decisions/0004).
/// </summary>
public sealed class InMemorySessionRevocationStore(
    DatabaseSessionRevocationStore database, IClock clock, IOptions<JwtOptions> jwt, ILogger<InMemorySessionRevocationStore> logger)
    : ISessionRevocationStore, IHostedService, IInProcessState, IDisposable
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _revoked = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly OutageLog _outage = new(logger, "Loading recent session revocations (PostgreSQL is asked per request meanwhile)");
    private volatile bool _loaded;

    /// <summary>True once recent revocations are in memory; until then checks ask PostgreSQL.</summary>
    public bool IsLoaded => _loaded;
    private long _marks;
    private int _disposed;

    private TimeSpan Retention => jwt.Value.RevocationRetention;

    public Task MarkRevokedAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        _revoked[sessionId] = now + Retention;
        if (Interlocked.Increment(ref _marks) % 1024 == 0)
        {
            foreach (var (id, until) in _revoked)
            {
                if (until <= now)
                {
                    _revoked.TryRemove(id, out _);
                }
            }
        }

        return Task.CompletedTask;
    }

    public void Clear() => _revoked.Clear();

    public Task<bool> IsRevokedAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (!_loaded)
        {
            return database.IsRevokedAsync(sessionId, cancellationToken);
        }

        return Task.FromResult(_revoked.TryGetValue(sessionId, out var until) && until > clock.UtcNow);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await TryLoadAsync(cancellationToken))
        {
            return;
        }

        // The database is not there yet: keep asking it per request, and load once it answers.
        _ = Task.Run(
            async () =>
            {
                while (!_stopping.IsCancellationRequested && !await TryLoadAsync(_stopping.Token))
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            },
            CancellationToken.None);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // The container may dispose this singleton before the host stops it.
        if (Volatile.Read(ref _disposed) == 0)
        {
            _stopping.Cancel();
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    private async Task<bool> TryLoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var (sessionId, revokedAt) in await database.ListRevokedSinceAsync(clock.UtcNow - Retention, cancellationToken))
            {
                _revoked.TryAdd(sessionId, revokedAt + Retention);
            }

            _loaded = true;
            _outage.Succeeded();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _outage.Failed(ex);
            return false;
        }
    }
}
