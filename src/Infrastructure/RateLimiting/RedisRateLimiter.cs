using StackExchange.Redis;
using Veza.Domain.Ports;
using Veza.Infrastructure.Redis;

namespace Veza.Infrastructure.RateLimiting;

/// <summary>
/// Fixed-window counters shared by every node (one atomic Lua call per permit). When Redis is
/// unreachable each node enforces the same limits on its own until Redis is back.
/// </summary>
public sealed class RedisRateLimiter(RedisGateway redis, InMemoryRateLimiter fallback) : IRateLimiter
{
    private const string Script = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
        return { count, ttl }
        """;

    public async Task<RateLimitDecision> AcquireAsync(string key, RateLimitRule rule, CancellationToken cancellationToken)
    {
        try
        {
            var result = await redis.ExecuteAsync(
                db => db.ScriptEvaluateAsync(Script, [(RedisKey)(redis.KeyPrefix + "rl:" + key)], [(long)rule.Window.TotalMilliseconds]),
                cancellationToken);
            var values = (RedisResult[])result!;
            var count = (long)values[0];
            var ttl = TimeSpan.FromMilliseconds((long)values[1]);
            var allowed = count <= rule.PermitLimit;
            return new RateLimitDecision(allowed, (int)Math.Max(0, rule.PermitLimit - count), allowed ? TimeSpan.Zero : ttl);
        }
        catch (RedisUnavailableException)
        {
            return await fallback.AcquireAsync(key, rule, cancellationToken);
        }
    }
}
