using System.Text.Json;
using StackExchange.Redis;
using Veza.Application.Common.Caching;
using Veza.Infrastructure.Messaging;
using Veza.Infrastructure.Redis;

namespace Veza.Infrastructure.Caching;

/// <summary>
/// The shared cache: JSON strings in Redis under {KeyPrefix}cache:v1: (<see cref="KeyNamespace"/>), with Redis's own expiry. When Redis is
/// unreachable a get is a miss and a set or remove does nothing, so requests read the source; the gateway
/// logs the outage once and /health reports Redis degraded.
/// </summary>
public sealed class RedisCache(RedisGateway redis) : ICache
{
    /// <summary>
    /// Where entries live under the deployment's key prefix. The version changes whenever a cached type changes shape:
    /// JSON of an older shape still parses (missing members take defaults, enums are numbers), so during a rolling
    /// deploy two versions must not read each other's entries.
    /// </summary>
    public const string KeyNamespace = "cache:v1:";

    public async Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken) where T : class
    {
        try
        {
            var value = await redis.ExecuteAsync(db => db.StringGetAsync(KeyOf(key)), cancellationToken);
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<T>((string)value!, MessageJson.Options);
        }
        catch (RedisUnavailableException)
        {
            return null;
        }
        catch (JsonException)
        {
            // An entry that does not parse (a bad write, a hand edit): a miss, whose read from the source overwrites it.
            return null;
        }
    }

    public async Task SetAsync<T>(string key, T value, TimeSpan timeToLive, CancellationToken cancellationToken) where T : class
    {
        var json = JsonSerializer.Serialize(value, MessageJson.Options);
        try
        {
            await redis.ExecuteAsync(db => db.StringSetAsync(KeyOf(key), json, timeToLive), cancellationToken);
        }
        catch (RedisUnavailableException)
        {
            // The next read goes to the source again.
        }
    }

    public async Task RemoveAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return;
        }

        try
        {
            await redis.ExecuteAsync(db => db.KeyDeleteAsync([.. keys.Select(KeyOf)]), cancellationToken);
        }
        catch (RedisUnavailableException)
        {
            // Entries written before the outage expire by their time to live.
        }
    }

    private RedisKey KeyOf(string key) => redis.KeyPrefix + KeyNamespace + key;
}
