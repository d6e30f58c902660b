using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Veza.Domain.Ports;
using Veza.Infrastructure.Redis;

namespace Veza.Infrastructure.Realtime;

/// <summary>
/// <see cref="IPresenceTracker"/> across nodes (docs/decisions/0029). Per user, a sorted set of
/// "node:connection" scored by when it expires, renewed by its node every
/// <see cref="PresenceOptions.RenewInterval"/> (the key itself expires with its last connection, so a
/// dead node leaves nothing behind for good); an index of online users scored alike lets any node find
/// the users of a node that died once their connections expire. Each change is one Lua call, so "first
/// connection" and "last connection" are decided once across nodes. This node's own connections are
/// also kept in process: the truth it renews from, and the answer while Redis is unreachable.
/// </summary>
public sealed class RedisPresenceTracker : IPresenceTracker
{
    private const string ConnectScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
        local added = redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
        local count = redis.call('ZCARD', KEYS[1])
        local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
        redis.call('PEXPIREAT', KEYS[1], last[2])
        redis.call('ZADD', KEYS[2], 'GT', ARGV[3], ARGV[4])
        if added == 1 and count == 1 then
            redis.call('SREM', KEYS[3], ARGV[4])
            return 1
        end
        return 0
        """;

    private const string DisconnectScript = """
        local removed = redis.call('ZREM', KEYS[1], ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
        if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
        local gone = redis.call('ZREM', KEYS[2], ARGV[3])
        redis.call('SREM', KEYS[3], ARGV[3])
        if removed == 1 and gone == 1 then return 1 end
        return 0
        """;

    // ARGV: expiry, user id, then the node's connections of that user. XX unless re-adding after an outage.
    private const string RenewScript = """
        local mode = ARGV[3]
        for i = 4, #ARGV do
            if mode == 'all' then redis.call('ZADD', KEYS[1], ARGV[1], ARGV[i]) else redis.call('ZADD', KEYS[1], 'XX', ARGV[1], ARGV[i]) end
        end
        local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
        if #last > 0 then
            redis.call('PEXPIREAT', KEYS[1], last[2])
            redis.call('ZADD', KEYS[2], 'GT', ARGV[1], ARGV[2])
        end
        return 0
        """;

    // 1 when this call found the user's last connection expired: this node announces them offline.
    private const string ExpireScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
        local top = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
        if #top > 0 then
            redis.call('ZADD', KEYS[2], top[2], ARGV[2])
            return 0
        end
        redis.call('SREM', KEYS[3], ARGV[2])
        return redis.call('ZREM', KEYS[2], ARGV[2])
        """;

    // Only a user with a live connection is away; 1 when the status changed.
    private const string AwayScript = """
        if redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[1], '+inf') == 0 then return 0 end
        if ARGV[3] == '1' then return redis.call('SADD', KEYS[2], ARGV[2]) end
        return redis.call('SREM', KEYS[2], ARGV[2])
        """;

    private const string OnlineAmongScript = """
        local scores = redis.call('ZMSCORE', KEYS[1], unpack(ARGV, 2))
        local online = {}
        for i, score in ipairs(scores) do
            if score and tonumber(score) > tonumber(ARGV[1]) then online[#online + 1] = ARGV[i + 1] end
        end
        return online
        """;

    private readonly RedisGateway _redis;
    private readonly InProcessPresenceTracker _local;
    private readonly NodeIdentity _node;
    private readonly IClock _clock;
    private readonly PresenceOptions _options;
    private int _renewAll;

    public RedisPresenceTracker(RedisGateway redis, InProcessPresenceTracker local, NodeIdentity node, IClock clock, IOptions<PresenceOptions> options)
    {
        (_redis, _local, _node, _clock, _options) = (redis, local, node, clock, options.Value);
        // Connections opened or closed during an outage were only recorded here: re-add them all on the next renewal.
        redis.Recovered += () =>
        {
            Volatile.Write(ref _renewAll, 1);
            return Task.CompletedTask;
        };
    }

    public async Task<bool> ConnectedAsync(Guid userId, string connectionId, CancellationToken cancellationToken)
    {
        var firstHere = await _local.ConnectedAsync(userId, connectionId, cancellationToken);
        var now = _clock.UtcNow;
        return await TryRedisAsync(
            async db => (int)await db.ScriptEvaluateAsync(ConnectScript, [UserKey(userId), IndexKey, AwayKey],
                [Member(connectionId), Milliseconds(now), Milliseconds(now + _options.ConnectionLifetime), userId.ToString()]) == 1,
            firstHere, cancellationToken);
    }

    public async Task<bool> DisconnectedAsync(Guid userId, string connectionId, CancellationToken cancellationToken)
    {
        var lastHere = await _local.DisconnectedAsync(userId, connectionId, cancellationToken);
        return await TryRedisAsync(
            async db => (int)await db.ScriptEvaluateAsync(DisconnectScript, [UserKey(userId), IndexKey, AwayKey],
                [Member(connectionId), Milliseconds(_clock.UtcNow), userId.ToString()]) == 1,
            lastHere, cancellationToken);
    }

    public async Task<bool> IsOnlineAsync(Guid userId, CancellationToken cancellationToken) =>
        await TryRedisAsync(
            async db => await db.SortedSetLengthAsync(UserKey(userId), Milliseconds(_clock.UtcNow), double.PositiveInfinity, Exclude.Start) > 0,
            await _local.IsOnlineAsync(userId, cancellationToken), cancellationToken);

    public async Task<bool> SetAwayAsync(Guid userId, bool away, CancellationToken cancellationToken) =>
        await TryRedisAsync(
            async db => (int)await db.ScriptEvaluateAsync(AwayScript, [UserKey(userId), AwayKey], [Milliseconds(_clock.UtcNow), userId.ToString(), away ? "1" : "0"]) == 1,
            await _local.SetAwayAsync(userId, away, cancellationToken), cancellationToken);

    public async Task<IReadOnlySet<Guid>> OnlineAmongAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var fallback = await _local.OnlineAmongAsync(userIds, cancellationToken);
        return await TryRedisAsync<IReadOnlySet<Guid>>(
            async db =>
            {
                var online = new HashSet<Guid>();
                foreach (var chunk in userIds.Chunk(1000))
                {
                    var result = (RedisValue[])(await db.ScriptEvaluateAsync(OnlineAmongScript, [IndexKey],
                        [Milliseconds(_clock.UtcNow), .. chunk.Select(id => (RedisValue)id.ToString())]))!;
                    online.UnionWith(result.Select(v => Guid.Parse((string)v!)));
                }

                return online;
            },
            fallback, cancellationToken);
    }

    /// <summary>Pushes the expiry of every connection this node holds forward (all of them again after an outage).</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        var all = Interlocked.Exchange(ref _renewAll, 0) == 1;
        var expiry = Milliseconds(_clock.UtcNow + _options.ConnectionLifetime);
        try
        {
            foreach (var (userId, connections) in _local.Snapshot())
            {
                await _redis.ExecuteAsync(db => db.ScriptEvaluateAsync(RenewScript, [UserKey(userId), IndexKey],
                    [expiry, userId.ToString(), all ? "all" : "existing", .. connections.Select(c => (RedisValue)Member(c))]), cancellationToken);
            }
        }
        catch (RedisUnavailableException)
        {
            Volatile.Write(ref _renewAll, 1);
        }
    }

    /// <summary>Users whose every connection expired (their node died): each is returned by one node only, which announces them offline.</summary>
    public async Task<IReadOnlyList<Guid>> ExpireAsync(CancellationToken cancellationToken)
    {
        var now = Milliseconds(_clock.UtcNow);
        try
        {
            var candidates = await _redis.ExecuteAsync(db => db.SortedSetRangeByScoreAsync(IndexKey, double.NegativeInfinity, now, take: 500), cancellationToken);
            var offline = new List<Guid>();
            foreach (var candidate in candidates)
            {
                var expired = await _redis.ExecuteAsync(db => db.ScriptEvaluateAsync(ExpireScript, [UserKey(Guid.Parse((string)candidate!)), IndexKey, AwayKey], [now, candidate]), cancellationToken);
                if ((int)expired == 1)
                {
                    offline.Add(Guid.Parse((string)candidate!));
                }
            }

            return offline;
        }
        catch (RedisUnavailableException)
        {
            return [];
        }
    }

    private RedisKey IndexKey => _redis.KeyPrefix + "presence:online";

    private RedisKey AwayKey => _redis.KeyPrefix + "presence:away";

    private RedisKey UserKey(Guid userId) => _redis.KeyPrefix + "presence:user:" + userId.ToString("N");

    private string Member(string connectionId) => _node.Id + ":" + connectionId;

    private static long Milliseconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private async Task<T> TryRedisAsync<T>(Func<IDatabase, Task<T>> operation, T fallback, CancellationToken cancellationToken)
    {
        try
        {
            return await _redis.ExecuteAsync(operation, cancellationToken);
        }
        catch (RedisUnavailableException)
        {
            return fallback;
        }
    }
}
