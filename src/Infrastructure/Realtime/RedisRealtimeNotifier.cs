using System.Text.Json;
using StackExchange.Redis;
using Veza.Domain.Ports;
using Veza.Infrastructure.Redis;

namespace Veza.Infrastructure.Realtime;

/// <summary>
/// <see cref="IRealtimeNotifier"/> across nodes (docs/decisions/0029): delivers to this node's connections
/// at once, then publishes on one Redis channel that every other node relays to its own connections
/// (<see cref="RedisRealtimeRelay"/>). When Redis is unreachable each node still serves its own clients;
/// what other nodes would have relayed is lost, as a nudge may be (history is the source of truth).
/// </summary>
public sealed class RedisRealtimeNotifier(InProcessRealtimeNotifier local, RedisGateway redis, NodeIdentity node) : IRealtimeNotifier
{
    public const string ChannelName = "realtime";

    public async Task NotifyUserAsync(Guid userId, string type, object payload, CancellationToken cancellationToken)
    {
        await local.NotifyUserAsync(userId, type, payload, cancellationToken);
        await PublishAsync(Envelope(type, payload) with { UserId = userId }, cancellationToken);
    }

    public async Task NotifyRoomAsync(Guid roomId, string type, object payload, CancellationToken cancellationToken)
    {
        await local.NotifyRoomAsync(roomId, type, payload, cancellationToken);
        await PublishAsync(Envelope(type, payload) with { RoomId = roomId }, cancellationToken);
    }

    public async Task NotifyStationAsync(Guid stationId, string type, object payload, CancellationToken cancellationToken)
    {
        await local.NotifyStationAsync(stationId, type, payload, cancellationToken);
        await PublishAsync(Envelope(type, payload) with { StationId = stationId }, cancellationToken);
    }

    private RealtimeEnvelope Envelope(string type, object payload) =>
        new(node.Id, null, null, type, JsonSerializer.SerializeToElement(payload, RealtimeJson.Options));

    internal static RedisChannel Channel(RedisGateway redis) => RedisChannel.Literal(redis.KeyPrefix + ChannelName);

    private async Task PublishAsync(RealtimeEnvelope envelope, CancellationToken cancellationToken)
    {
        try
        {
            var message = JsonSerializer.Serialize(envelope, RealtimeJson.Options);
            await redis.ExecuteAsync(db => db.PublishAsync(Channel(redis), message), cancellationToken);
        }
        catch (RedisUnavailableException)
        {
            // The gateway logged the transition and /health reports degraded; this node's clients have it.
        }
    }
}

/// <summary>One event on the Redis channel: for a user's connections, a room's or a station's watchers, from the node that sent it.</summary>
public sealed record RealtimeEnvelope(string Origin, Guid? UserId, Guid? RoomId, string Type, JsonElement Payload, Guid? StationId = null);
