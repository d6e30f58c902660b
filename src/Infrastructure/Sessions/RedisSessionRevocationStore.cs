using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Veza.Domain.Ports;
using Veza.Infrastructure.Identity;
using Veza.Infrastructure.Redis;

namespace Veza.Infrastructure.Sessions;

/// <summary>
/// Scale-out adapter: a revoked session id is a Redis key that lives as long as an access token can,
/// so every node sees a revocation at once with one EXISTS per request. When Redis is unreachable it
/// asks PostgreSQL (the source of truth); when Redis comes back, <see cref="RedisRevocationResync"/>
/// re-writes the revocations it may have missed.
/// </summary>
public sealed class RedisSessionRevocationStore(RedisGateway redis, DatabaseSessionRevocationStore database, IOptions<JwtOptions> jwt)
    : ISessionRevocationStore
{
    public async Task MarkRevokedAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(sessionId, cancellationToken);
        }
        catch (RedisUnavailableException)
        {
            // The sessions row is written in the same unit of work; the resync restores the key.
        }
    }

    public async Task<bool> IsRevokedAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        try
        {
            return await redis.ExecuteAsync(db => db.KeyExistsAsync(KeyFor(redis, sessionId)), cancellationToken);
        }
        catch (RedisUnavailableException)
        {
            return await database.IsRevokedAsync(sessionId, cancellationToken);
        }
    }

    /// <summary>Writes the revocation key; throws <see cref="RedisUnavailableException"/> when Redis cannot take it.</summary>
    public Task WriteAsync(Guid sessionId, CancellationToken cancellationToken) =>
        redis.ExecuteAsync(db => db.StringSetAsync(KeyFor(redis, sessionId), "1", jwt.Value.RevocationRetention), cancellationToken);

    public static RedisKey KeyFor(RedisGateway redis, Guid sessionId) => $"{redis.KeyPrefix}revoked-session:{sessionId:N}";
}
